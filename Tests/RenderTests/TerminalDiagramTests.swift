import Testing
import Trace
@testable import Render

@Suite("Terminal diagram")
struct TerminalDiagramTests {
    @Test("no line is wider than the terminal, at any width, with or without syscalls and colour",
          arguments: [40, 60, 80, 100, 120])
    func linesFitTheWidth(width: Int) throws {
        for syscalls in [false, true] {
            for color in [false, true] {
                let lines = try RenderTestSupport.terminal(width: width, color: color, syscalls: syscalls)
                #expect(!lines.isEmpty)
                for line in lines {
                    #expect(RenderTestSupport.columns(line) <= width, "\(width) columns: \(line)")
                    #expect(RenderTestSupport.visible(line).unicodeScalars.count <= width)
                }
            }
        }
    }

    @Test("participants stand in Docker's order, not the order they appear in")
    func canonicalOrder() throws {
        for width in [80, 120] {
            let header = try RenderTestSupport.terminal(width: width).prefix { $0.contains { $0.isLetter } }
            // Each name with the column it starts at, over one or two header rows.
            var names: [(column: Int, name: String)] = []
            for row in header {
                var column = 0
                for word in row.split(separator: " ", omittingEmptySubsequences: false) {
                    if !word.isEmpty, word != "│" { names.append((column, String(word))) }
                    column += word.unicodeScalars.count + 1
                }
            }
            names.sort { $0.column < $1.column }
            #expect(names.map(\.name) == ["client", "dockerd", "registry", "containerd", "shim", "runc", "container"])
        }
    }

    @Test("a request's arrow and its response's dashed arrow are both drawn")
    func requestAndResponse() throws {
        let lines = try RenderTestSupport.terminal(width: 120)
        let request = try #require(lines.firstIndex { $0.contains("HEAD /_ping") })
        #expect(lines[request].contains("─") || lines[request + 1].contains("─▶"))
        let response = try #require(lines.firstIndex { $0.contains("200 OK") })
        #expect(response > request)
        #expect(lines[response].contains("◀╌") || lines[response + 1].contains("◀╌"))
        #expect(lines.contains { $0.contains("404 Not Found") })
    }

    @Test("syscalls are hidden by default and nested under their hop when asked for")
    func syscallsNest() throws {
        #expect(!(try RenderTestSupport.terminal(width: 120)).contains { $0.contains("pivot_root") })
        let lines = try RenderTestSupport.terminal(width: 120, syscalls: true, limit: nil)
        let create = try #require(lines.firstIndex { $0.contains("glassbox-runc") && $0.contains("create") })
        let pivot = try #require(lines.firstIndex { $0.contains("pivot_root(\".\", \".\") = 0") })
        let exit = try #require(lines[create...].firstIndex { $0.contains("exit 0") && $0.contains("◀") })
        #expect(create < pivot && pivot < exit)
        #expect(lines.contains { $0.contains("mkdir(\"/dev/pts\", 0755) = EEXIST") })
    }

    @Test("a hop's syscalls beyond the limit are counted on one line")
    func syscallLimit() throws {
        let lines = try RenderTestSupport.terminal(width: 120, syscalls: true, limit: 3)
        let count = HelloWorldTrace.runcCreateSyscalls.count
        #expect(lines.contains { $0.contains("… \(count - 3) more syscalls") })
        #expect(!lines.contains { $0.contains("pivot_root") })
    }

    @Test("long ids are cut to Docker's 12-character short ids")
    func shortIDs() throws {
        let lines = try RenderTestSupport.terminal(width: 120)
        #expect(lines.contains { $0.contains("/containers/075a537fbe80/start") })
        #expect(!lines.contains { $0.contains(HelloWorldTrace.containerID) })
    }

    @Test("colour is written only when asked for")
    func colourOnRequest() throws {
        #expect(!(try RenderTestSupport.terminal(width: 80)).contains { $0.contains("\u{1B}") })
        #expect((try RenderTestSupport.terminal(width: 80, color: true)).contains { $0.contains("\u{1B}[") })
    }

    @Test("the gutter gives the time since the first event")
    func relativeTime() throws {
        let lines = try RenderTestSupport.terminal(width: 80, syscalls: true)
        #expect(lines.contains { $0.hasPrefix("   +0.000 ms") })
        #expect(RelativeTime.label(nanoseconds: 12_345_678) == "+12.345 ms")
        #expect(RelativeTime.label(nanoseconds: 83_000_000_000) == "+83.000 s")
    }

    @Test("a malformed line is reported with its line number")
    func malformedLine() throws {
        var text = HelloWorldTrace.text.split(separator: "\n").map(String.init)
        text[4] = "{\"v\":1,\"seq\":5,"
        let error = try #require(throws: TraceLineError.self) {
            _ = try TerminalDiagram().render(text: text.joined(separator: "\n"))
        }
        #expect(error.lineNumber == 5)
        #expect(error.description.hasPrefix("trace line 5: invalid JSON"))
    }

    @Test("a line that is JSON but not an event names the missing field")
    func missingField() throws {
        let error = try #require(throws: TraceLineError.self) {
            _ = try TerminalDiagram().render(text: "\n{\"v\":1,\"seq\":1,\"ts\":5,\"kind\":\"request\"}\n")
        }
        #expect(error.lineNumber == 2)
        #expect(error.reason.contains("\"pid\"") || error.reason.contains("\"trace\""))
        let version = try #require(throws: TraceLineError.self) {
            _ = try TerminalDiagram().render(text: "{\"v\":2}")
        }
        #expect(version.reason.contains("version 2"))
    }

    @Test("a participant met mid-trace gets a lifeline and the header is drawn again")
    func newParticipant() throws {
        let event = TraceEvent(seq: 1, ts: 1, trace: TraceBuilder.traceID, span: "00000000000000aa", parent: nil,
                               kind: .request, from: "dockerd", to: "buildkitd", op: "Solve", pid: 7)
        let lines = try TerminalDiagram(width: 100).render(text: event.line)
        #expect(lines.filter { $0.contains("buildkitd") }.count == 1)
        #expect(lines.contains { $0.contains("Solve") })
    }

    @Test("COLUMNS gives the width, 80 when absent or not a number")
    func columnsVariable() {
        #expect(TerminalDiagram.width(columns: "132") == 132)
        #expect(TerminalDiagram.width(columns: nil) == 80)
        #expect(TerminalDiagram.width(columns: "wide") == 80)
    }
}

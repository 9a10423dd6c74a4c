import Testing
import Trace
@testable import Render

@Suite("Step viewer without a terminal")
struct StepViewerTests {
    @Test("every hop event is a step: its arrow, then who sent what to whom, the message and why")
    func everyStep() throws {
        let lines = try StepViewer(width: 100).narrate(text: HelloWorldTrace.text)
        let steps = HelloWorldTrace.events().filter { $0.kind != .syscall && $0.kind != .log }
        let titles = lines.filter { $0.hasPrefix("── ") }
        #expect(titles.count == steps.count)
        #expect(titles.first?.hasPrefix("── 1 · request · client → dockerd · http") == true)
        #expect(lines.filter { $0.hasPrefix("why: ") }.count == steps.count)
        #expect(lines.contains("HEAD /_ping HTTP/1.1"))
        #expect(lines.contains("exit status  exit 0"))
        let create = try #require(lines.firstIndex { $0.contains("POST /v1.41/containers/create HTTP/1.1") })
        let arrow = try #require(lines[..<create].lastIndex { $0.contains("───▶") })
        #expect(create - arrow <= 2, "the step's arrow is drawn just before its panel")
    }

    @Test("narration fits the width and streams syscalls under their hop when asked", arguments: [80, 120])
    func width(width: Int) throws {
        let viewer = StepViewer(width: width, options: DiagramOptions(syscalls: true))
        let lines = try viewer.narrate(text: HelloWorldTrace.text)
        for line in lines { #expect(RenderTestSupport.columns(line) <= width, "too wide: \(line)") }
        #expect(lines.contains { $0.contains("pivot_root(\".\", \".\") = 0") })
    }

    @Test("a JSON body is pretty-printed and cut to the message limit")
    func bodies() throws {
        let event = TraceEvent(seq: 1, ts: 1, trace: TraceBuilder.traceID, span: "00f067aa0ba902b7", parent: nil,
                               kind: .request, from: "client", to: "dockerd", op: "POST /v1.41/containers/create", pid: 1,
                               proto: "http", attrs: [("user-agent", .string("Docker-Client/20.10.24 (linux)"))],
                               body: .object([("Image", .string("hello-world")), ("Cmd", .array((0..<40).map { .string("arg\($0)") }))]))
        let lines = try StepViewer(width: 80, messageLimit: 10).narrate(text: event.line)
        #expect(lines.contains("User-Agent: Docker-Client/20.10.24 (linux)"))
        #expect(lines.contains("  \"Image\": \"hello-world\","))
        #expect(lines.contains { $0.hasPrefix("… ") && $0.hasSuffix(" more lines") })
    }

    @Test("control characters in a message never reach the terminal")
    func controlCharacters() throws {
        let event = TraceEvent(seq: 1, ts: 1, trace: TraceBuilder.traceID, span: "00f067aa0ba902b7", parent: nil,
                               kind: .response, from: "dockerd", to: "client", op: "GET /logs", pid: 1,
                               proto: "http", status: "200 OK", body: .string("\u{1B}[31mred\u{7}"))
        let lines = try StepViewer(width: 80).narrate(text: event.line)
        #expect(!lines.joined().unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
}

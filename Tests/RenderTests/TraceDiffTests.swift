import Testing
import Trace
@testable import Render

@Suite("Trace diff")
struct TraceDiffTests {
    /// The hand-made trace with other ids: another container id and digest, other spans and times.
    static func rerun(_ transform: (inout TraceEvent) -> Void = { _ in }) -> String {
        HelloWorldTrace.events().map { original in
            var event = original
            event.op = event.op.replacingAll(HelloWorldTrace.containerID, with: String(repeating: "9f", count: 32))
            event.args = event.args?.map { $0.replacingAll("075a537fbe80", with: "9f9f9f9f9f9f") }
            event.span = String(event.span.reversed())
            event.parent = event.parent.map { String($0.reversed()) }
            event.ts += 123_456
            event.dur = event.dur.map { $0 * 2 }
            event.pid += 7
            transform(&event)
            return event.line
        }.joined()
    }

    @Test("two runs of one journey differ in no hop: ids, spans, pids and times are ignored")
    func sameJourney() throws {
        let (summary, lines) = try TraceDiff(syscalls: true).compare(text: HelloWorldTrace.text, TraceDiffTests.rerun())
        #expect(summary.isEmpty)
        #expect(lines.count == 1 && lines[0].hasPrefix("no hop differs ("))
    }

    @Test("a hop answered differently is listed as removed and added, with context")
    func changedStatus() throws {
        let other = TraceDiffTests.rerun { event in
            if event.kind == .response, event.op == "POST /v1.41/containers/create", event.status == "201 Created" {
                event.status = "500 Internal Server Error"
            }
        }
        let (summary, lines) = try TraceDiff().compare(text: HelloWorldTrace.text, other)
        #expect(summary.differingHops == 2)
        #expect(lines[0] == "--- a" && lines[1] == "+++ b")
        #expect(lines[2].hasPrefix("@@ hop -"))
        #expect(lines.contains("- client → dockerd POST /v1.41/containers/create = 201 Created"))
        #expect(lines.contains("+ client → dockerd POST /v1.41/containers/create = 500 Internal Server Error"))
        #expect(lines.contains { $0.hasPrefix("  ") }, "unchanged hops around the change are shown")
    }

    @Test("a missing hop is one removed line; the rest align")
    func missingHop() throws {
        let other = HelloWorldTrace.events().filter { !$0.op.hasPrefix("GET /v2/library/hello-world/manifests") }.map(\.line).joined()
        let (summary, lines) = try TraceDiff(context: 0).compare(text: HelloWorldTrace.text, other)
        #expect(summary.differingHops == 1)
        #expect(lines.filter { $0.hasPrefix("- ") } == ["- dockerd → registry GET /v2/library/hello-world/manifests/latest = 200 OK"])
        #expect(!lines.contains { $0.hasPrefix("+ ") })
    }

    @Test("with syscalls, differences under a hop are listed, and expected ones explained, not counted")
    func syscalls() throws {
        let other = TraceDiffTests.rerun { event in
            if event.kind == .syscall, event.op == "mount", event.args?.first == "\"tmpfs\"" { event.args?[0] = "\"devtmpfs\"" }
            if event.kind == .syscall, event.op == "sethostname" { event.result = "EPERM" }
        }
        let (summary, lines) = try TraceDiff(syscalls: true).compare(text: HelloWorldTrace.text, other)
        #expect(summary.differingHops == 0)
        #expect(summary.differingSyscalls == 2)
        #expect(summary.expectedSyscalls == 2)
        #expect(lines.contains { $0.hasPrefix("@@ syscalls under hop ") && $0.contains("glassbox-runc") })
        #expect(lines.contains("- runc ▸ sethostname(\"<id>\") = 0"))
        #expect(lines.contains("+ runc ▸ sethostname(\"<id>\") = EPERM"))
        #expect(lines.contains { $0.hasPrefix("~ runc ▸ mount(\"devtmpfs\"") })
        #expect(lines.contains { $0.hasPrefix("  (expected: /dev is mounted differently") })
    }

    @Test("normalising: digests, 64- and 12-hex ids and trace ids become placeholders")
    func normalising() {
        #expect(DiffNormal.text("GET /v2/x/blobs/" + HelloWorldTrace.layerDigest) == "GET /v2/x/blobs/sha256:<digest>")
        #expect(DiffNormal.text("/containers/\(HelloWorldTrace.containerID)/start") == "/containers/<id>/start")
        #expect(DiffNormal.text("hostname 075a537fbe80") == "hostname <id>")
        #expect(DiffNormal.text("trace 4bf92f3577b34da6a3ce929d0e0e4736") == "trace <trace>")
        #expect(DiffNormal.text("fd 12, cafe, 075a537fbe80x") == "fd 12, cafe, 075a537fbe80x")
    }

    @Test("Myers' edit script is the shortest and keeps the order")
    func editScript() {
        let edits = SequenceDiff.edits(Array("ABCABBA"), Array("CBABAC"))
        #expect(edits.filter { if case .keep = $0 { return false } else { return true } }.count == 5)
        var rebuilt: [Character] = []
        let a = Array("ABCABBA"), b = Array("CBABAC")
        for edit in edits {
            switch edit {
            case let .keep(x, y): #expect(a[x] == b[y]); rebuilt.append(a[x])
            case .add(let y): rebuilt.append(b[y])
            case .remove: break
            }
        }
        #expect(rebuilt == b)
    }
}

extension String {
    /// Every occurrence of `target` replaced (without Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = "", rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}

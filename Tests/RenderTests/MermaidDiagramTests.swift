import Testing
import Trace
@testable import Render

@Suite("Mermaid diagram")
struct MermaidDiagramTests {
    @Test("starts with sequenceDiagram and declares each participant once, in Docker's order")
    func declarations() throws {
        let order = try ParticipantOrder.scan(TraceLineReader(bytes: Array(HelloWorldTrace.text.utf8)))
        let lines = try render(participants: order)
        #expect(lines.first == "sequenceDiagram")
        let declared = lines.filter { $0.hasPrefix("    participant ") }.map { $0.dropFirst(16) }
        #expect(declared == ["client", "dockerd", "registry", "containerd", "shim", "runc", "container"])
    }

    @Test("one arrow per request and per response")
    func arrows() throws {
        let events = HelloWorldTrace.events()
        let lines = try render()
        #expect(lines.filter { $0.contains("-->>") }.count == events.filter { $0.kind == .response }.count)
        #expect(lines.filter { $0.contains("->>") && !$0.contains("-->>") }.count == events.filter { $0.kind == .request }.count)
        #expect(lines.contains("    client->>dockerd: HEAD /_ping"))
        #expect(lines.contains("    Note over container: running"))
    }

    @Test("syscalls are notes only when asked for")
    func syscallNotes() throws {
        #expect(!(try render()).contains { $0.contains("pivot_root") })
        let lines = try render(syscalls: true)
        #expect(lines.contains("    Note right of runc: pivot_root(#quot;.#quot;, #quot;.#quot;) = 0"))
    }

    @Test("semicolons, hashes and quotes are written as entity codes; dashed names get aliases")
    func escaping() throws {
        let event = TraceEvent(seq: 1, ts: 1, trace: TraceBuilder.traceID, span: "00000000000000aa", parent: nil,
                               kind: .request, from: "containerd-shim", to: "end", op: "sh -c \"a; b # c\"", pid: 7)
        let lines = try MermaidDiagram().render(text: event.line)
        #expect(lines.contains("    participant containerd_shim as containerd-shim"))
        #expect(lines.contains("    participant end_ as end"))
        #expect(lines.contains("    containerd_shim->>end_: sh -c #quot;a#59; b #35; c#quot;"))
        for line in lines.dropFirst() {
            let text = line.split(separator: ":", maxSplits: 1).dropFirst().first ?? ""
            #expect(!text.contains(";") || text.contains("#59;"))
        }
    }

    @Test("the Mermaid diagram streams like the terminal one: participants declared as met")
    func declaredAsMet() throws {
        let lines = try render()
        let registry = try #require(lines.firstIndex(of: "    participant registry"))
        let firstUse = try #require(lines.firstIndex { $0.contains("registry") })
        #expect(registry == firstUse)
    }

    private func render(syscalls: Bool = false, participants: ParticipantOrder? = nil) throws -> [String] {
        var out: [String] = []
        try MermaidDiagram(options: DiagramOptions(syscalls: syscalls))
            .render(lines: TraceLineReader(bytes: Array(HelloWorldTrace.text.utf8)), participants: participants) { out.append($0) }
        return out
    }
}

import Testing
import Trace
@testable import Render

/// A 100,000-event trace made line by line as the reader asks for bytes, so no test holds the
/// events (or the file) at once: what is checked is that the renderers take a stream.
@Suite("Streaming")
struct StreamingTests {
    static let eventCount = 100_000

    /// A reader over a generated trace: each hop is a request, 8 syscalls and a response.
    static func generatedTrace() -> TraceLineReader {
        var index = 0
        return TraceLineReader(readChunk: {
            guard index < eventCount else { return nil }
            var chunk: [UInt8] = []
            while index < eventCount, chunk.count < 16 * 1024 {
                chunk.append(contentsOf: line(index).utf8)
                index += 1
            }
            return chunk
        })
    }

    static func line(_ index: Int) -> String {
        let hop = index / 10, step = index % 10
        let span = hex(UInt64(hop) + 0x1000), parent = "00f067aa0ba902b7"
        let kind: TraceEvent.Kind = step == 0 ? .request : step == 9 ? .response : .syscall
        let event = TraceEvent(
            seq: Int64(index + 1), ts: 1_000_000 + Int64(index) * 3_000, trace: TraceBuilder.traceID,
            span: kind == .syscall ? hex(UInt64(index)) : span, parent: kind == .syscall ? span : parent,
            kind: kind, from: kind == .response ? "containerd" : kind == .syscall ? "containerd" : "dockerd",
            to: kind == .request ? "containerd" : kind == .response ? "dockerd" : "kernel",
            op: kind == .syscall ? "openat" : "containerd.services.tasks.v1.Tasks/Create", pid: 300,
            status: kind == .response ? "ok" : nil, args: kind == .syscall ? ["AT_FDCWD", "\"/run/\(index)\""] : nil,
            result: kind == .syscall ? "3" : nil
        )
        return event.line
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    @Test("a generated 100,000-event trace renders through a line reader, hop by hop")
    func terminalStreams() throws {
        var lines = 0, arrows = 0
        try TerminalDiagram(width: 80).render(lines: StreamingTests.generatedTrace()) { line in
            lines += 1
            if line.contains("◀╌") { arrows += 1 }
        }
        #expect(arrows == StreamingTests.eventCount / 10)
    }

    @Test("two streaming passes: participants first, then the diagram with syscalls counted")
    func twoPasses() throws {
        let options = DiagramOptions(syscalls: true, syscallLimit: 2)
        let order = try ParticipantOrder.scan(StreamingTests.generatedTrace(), options: options)
        #expect(order.names == ["dockerd", "containerd"])
        var hidden = 0
        try TerminalDiagram(width: 120, options: options).render(lines: StreamingTests.generatedTrace(), participants: order) { line in
            if line.contains("… 6 more syscalls") { hidden += 1 }
        }
        #expect(hidden == StreamingTests.eventCount / 10)
    }

    @Test("the Mermaid diagram streams the same trace")
    func mermaidStreams() throws {
        var arrows = 0
        try MermaidDiagram().render(lines: StreamingTests.generatedTrace()) { line in
            if line.contains("->>") { arrows += 1 }
        }
        #expect(arrows == StreamingTests.eventCount / 10 * 2)
    }
}

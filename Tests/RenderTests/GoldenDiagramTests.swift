import FoundationEssentials
import Testing
@testable import Render

/// The diagrams of the hand-made hello-world trace, compared with files under `Fixtures/`.
/// `GLASSBOX_UPDATE_GOLDEN=1 swift test --filter RenderTests` rewrites them on purpose (then read
/// the diff before keeping it), as TigerBeetle's snapshot tests do.
@Suite("Golden diagrams")
struct GoldenDiagramTests {
    @Test("the 80-column hop-level diagram of hello-world matches its golden file")
    func terminal80() throws {
        try expectGolden("hello-world-80.txt", try RenderTestSupport.terminal(width: 80))
    }

    @Test("the 120-column diagram with syscalls matches its golden file")
    func terminal120Syscalls() throws {
        try expectGolden("hello-world-120-syscalls.txt", try RenderTestSupport.terminal(width: 120, syscalls: true))
    }

    @Test("the Mermaid diagram of hello-world matches its golden file")
    func mermaid() throws {
        let lines = try MermaidDiagram(options: DiagramOptions(syscalls: true)).render(text: HelloWorldTrace.text)
        try expectGolden("hello-world.mmd", lines)
    }

    private func expectGolden(_ name: String, _ lines: [String]) throws {
        let actual = lines.map { $0 + "\n" }.joined()
        let url = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/\(name)")
        if GoldenSwitch.isUpdating {
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(decoding: Data(contentsOf: url), as: UTF8.self)
        #expect(actual == expected, "\(name) differs; rerun with GLASSBOX_UPDATE_GOLDEN=1 to rewrite it on purpose")
    }
}

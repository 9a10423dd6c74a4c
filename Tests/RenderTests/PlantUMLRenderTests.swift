import Foundation
import Testing
import TestSupport
@testable import Render

/// Debian's `plantuml` draws the exported diagram (skipped when it is not installed).
@Suite("PlantUML renders", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/plantuml"), "plantuml is not installed"))
struct PlantUMLRenderTests {
    @Test("plantuml -tpng draws the hello-world diagram without a syntax error")
    func renders() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "glassbox-puml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = try PlantUMLDiagram(options: DiagramOptions(syscalls: true, syscallLimit: 4)).render(text: HelloWorldTrace.text)
        let source = directory.appending(path: "hello.puml")
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: source)
        let outcome = try HostCommand.run("/usr/bin/plantuml", ["-tpng", "-failfast2", "-nbthread", "1", source.path], timeLimitSeconds: 120)
        #expect(outcome.status == 0, "plantuml: \(outcome.stderr)")
        let png = try Data(contentsOf: directory.appending(path: "hello.png"))
        #expect(png.count > 5_000)
    }
}

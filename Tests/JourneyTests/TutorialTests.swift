import Foundation
import Testing
import TestSupport

/// Runs every command of every tutorial under tutorials/ and compares what it prints with what
/// the tutorial shows, so a tutorial can never drift from the code. A tutorial's examples are
/// ```console blocks: a line starting with `$ ` is a command (run by /bin/sh in a scratch
/// directory per tutorial, with the built `glassbox` first on PATH, stderr merged into stdout);
/// the lines after it, up to the next command or the block's end, are its output.
/// `GLASSBOX_UPDATE_GOLDEN=1` rewrites the outputs in the tutorials from a fresh run.
@Suite("Tutorials", .serialized)
struct TutorialTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let tutorials = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("tutorials").path))?
        .filter { $0.hasSuffix(".md") }.sorted() ?? []

    /// The directory holding the built executables: the test bundle sits beside them.
    static var buildDirectory: URL? {
        var directory = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "")
        for _ in 0..<4 {
            directory.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("glassbox").path) { return directory }
        }
        return nil
    }

    struct Example {
        var command: String
        var output: [String]
        /// Line index in the file of the first output line, and how many lines it spans.
        var outputStart: Int
    }

    static func examples(in lines: [String]) -> [Example] {
        var examples: [Example] = []
        var inBlock = false
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("```") {
                inBlock = line == "```console" && !inBlock
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix("$ ") {
                examples.append(Example(command: String(line.dropFirst(2)), output: [], outputStart: index + 1))
            } else if !examples.isEmpty {
                examples[examples.count - 1].output.append(line)
            }
        }
        return examples
    }

    static func run(_ command: String, in directory: URL, path: URL) throws -> [String] {
        var environment = HostCommand.inheritedEnvironment.filter {
            !$0.hasPrefix("PATH=") && !$0.hasPrefix("COLUMNS=") && !$0.hasPrefix("NO_COLOR=")
        }
        let inherited = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        environment += ["PATH=" + path.path + ":" + inherited, "COLUMNS=100", "NO_COLOR=1"]
        let outcome = try HostCommand.run("/bin/sh", ["-c", "{ " + command + "\n} 2>&1"], environment: environment,
                                          workingDirectory: directory.path, timeLimitSeconds: 300)
        if outcome.status == nil { Issue.record("`\(command)` did not end within 300 s") }
        var lines = outcome.stdout.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    @Test("every tutorial's commands print what the tutorial shows", arguments: tutorials)
    func tutorial(_ name: String) throws {
        guard let build = Self.buildDirectory else {
            Issue.record("the built glassbox was not found next to the test bundle: run swift build first")
            return
        }
        let file = Self.root.appendingPathComponent("tutorials").appendingPathComponent(name)
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("glassbox-tutorial-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: scratch)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let update = ProcessInfo.processInfo.environment["GLASSBOX_UPDATE_GOLDEN"] == "1"
        let examples = Self.examples(in: lines)
        #expect(!examples.isEmpty, "\(name) has no console examples")
        var shift = 0
        for example in examples {
            let actual = try Self.run(example.command, in: scratch, path: build)
            if update {
                let start = example.outputStart + shift
                lines.replaceSubrange(start..<(start + example.output.count), with: actual)
                shift += actual.count - example.output.count
            } else {
                #expect(actual == example.output, "\(name): `\(example.command)` printed:\n\(actual.joined(separator: "\n"))")
            }
        }
        if update { try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8) }
    }
}

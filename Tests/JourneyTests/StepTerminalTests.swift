import Foundation
import Testing
import TestSupport

/// `glassbox trace --step` in a real terminal: tmux runs it, send-keys types, capture-pane reads
/// the screen. Skips with the reason when tmux is not installed (CI installs it).
@Suite("Stepping through a trace in a terminal", .serialized,
       .enabled(if: StepTerminal.tmux != nil, "needs tmux (apt-get install tmux)"))
struct StepTerminalTests {
    @Test("space steps forward, b steps back, s shows the syscalls, q quits and restores the terminal")
    func stepping() throws {
        guard let glassbox = TutorialTests.buildDirectory?.appendingPathComponent("glassbox").path else {
            Issue.record("the built glassbox was not found next to the test bundle")
            return
        }
        let session = "glassbox-step-\(getpid())"
        let trace = TutorialTests.root.appendingPathComponent("traces/hello-world.seed7.jsonl").path
        try StepTerminal.tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "32", "\(glassbox) trace --step \(trace)"])
        defer { _ = try? StepTerminal.tmux(["kill-session", "-t", session]) }

        let first = try StepTerminal.screen(session, waitingFor: "── 1/")
        #expect(first.contains("── 1/"), "the first step is shown:\n\(first)")
        try StepTerminal.tmux(["send-keys", "-t", session, "Space"])
        let second = try StepTerminal.screen(session, waitingFor: "── 2/")
        #expect(second.contains("── 2/"), "space moves to step 2:\n\(second)")
        try StepTerminal.tmux(["send-keys", "-t", session, "Space"])
        _ = try StepTerminal.screen(session, waitingFor: "── 3/")
        try StepTerminal.tmux(["send-keys", "-t", session, "s"])
        let syscalls = try StepTerminal.screen(session, waitingFor: "syscalls under this hop")
        #expect(syscalls.contains("syscalls under this hop") && syscalls.contains("▸ write("), "s shows the hop's syscalls:\n\(syscalls)")
        try StepTerminal.tmux(["send-keys", "-t", session, "g"])
        _ = try StepTerminal.screen(session, waitingFor: "── 1/")
        try StepTerminal.tmux(["send-keys", "-t", session, "Space"])
        _ = try StepTerminal.screen(session, waitingFor: "── 2/")
        try StepTerminal.tmux(["send-keys", "-t", session, "b"])
        let back = try StepTerminal.screen(session, waitingFor: "── 1/")
        #expect(back.contains("── 1/"), "b moves back:\n\(back)")
        try StepTerminal.tmux(["send-keys", "-t", session, "G"])
        let last = try StepTerminal.screen(session, until: { !$0.contains("── 1/") && $0.contains("why:") })
        #expect(!last.contains("── 1/"), "G moves to the last step:\n\(last)")
        try StepTerminal.tmux(["send-keys", "-t", session, "q"])
        var ended = false
        for _ in 0..<50 {
            if (try? StepTerminal.tmux(["has-session", "-t", session])) == nil { ended = true; break }
            usleep(100_000)
        }
        #expect(ended, "q ends the viewer")
    }
}

enum StepTerminal {
    static let tmux: String? = ["/usr/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Failed: Error {}

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let outcome = try HostCommand.run(tmux ?? "/usr/bin/tmux", arguments, timeLimitSeconds: 10)
        guard outcome.status == 0 else { throw Failed() }
        return outcome.stdout
    }

    /// The pane's text once it shows `text` (or after 5 s).
    static func screen(_ session: String, waitingFor text: String) throws -> String {
        try screen(session, until: { $0.contains(text) })
    }

    /// The pane's text once `ready` holds for it (or after 5 s).
    static func screen(_ session: String, until ready: (String) -> Bool) throws -> String {
        var screen = ""
        for _ in 0..<50 {
            screen = try tmux(["capture-pane", "-p", "-t", session])
            if ready(screen) { return screen }
            usleep(100_000)
        }
        return screen
    }
}

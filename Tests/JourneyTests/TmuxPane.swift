import KernelInterface
import LinuxKernel
import TestSupport
import Trace

/// A real terminal for a client under test: a tmux server of its own (`-L`), one window whose
/// pane runs `/bin/sh` with the given environment, keys typed with send-keys, the screen read
/// with capture-pane. `close` kills the server and removes the scratch directory, whatever a
/// test got to.
final class TmuxPane {
    static let kernel = LinuxKernel()
    static let tmux: String? = ["/usr/bin/tmux", "/bin/tmux"].first { (try? kernel.stat($0))?.kind == .regular }

    let server: String
    /// A directory of its own for what the pane's shell writes (`stty -a` before and after).
    let directory: String
    private var open = true

    init(environment: [String], columns: Int = 100, rows: Int = 30) throws {
        let tag = hexString(TmuxPane.kernel.getrandom(6))
        server = "glassbox-tty-" + tag
        directory = "/tmp/gbpane-" + tag
        try TmuxPane.kernel.mkdirAll(directory)
        let shell = ["env", "-i", "PS1=pane$ ", "TERM=xterm", "HOME=/root"] + environment + ["/bin/sh"]
        try tmux(["new-session", "-d", "-s", "pane", "-x", String(columns), "-y", String(rows), shell.map(TmuxPane.quoted).joined(separator: " ")])
        socketPath = try tmux(["display-message", "-p", "#{socket_path}"]).split(separator: "\n").first.map(String.init)
        try tmux(["set-option", "-t", "pane", "status", "off"])
        _ = try waitFor { $0.contains("pane$") }
    }

    /// The server's socket (/tmp/tmux-UID/NAME), which kill-server leaves behind.
    private var socketPath: String?

    /// Runs tmux against this pane's server; its standard output.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outcome = try HostCommand.run(TmuxPane.tmux ?? "/usr/bin/tmux", ["-L", server] + arguments, timeLimitSeconds: 10)
        guard outcome.status == 0 else { throw TmuxFailed(description: "tmux \(arguments): \(outcome.stderr)") }
        return outcome.stdout
    }

    struct TmuxFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// Types `line` as written (no key names) and presses Enter.
    func type(_ line: String) throws {
        try tmux(["send-keys", "-t", "pane", "-l", line])
        try tmux(["send-keys", "-t", "pane", "Enter"])
    }

    /// The visible screen, one string per row (capture-pane drops trailing blanks: the prompt
    /// "pane$ " reads "pane$").
    func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-t", "pane"]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The screen once `ready` holds for its rows, or the last screen after `seconds`.
    func waitFor(seconds: Int = 30, _ ready: ([String]) -> Bool) throws -> [String] {
        var rows: [String] = []
        for _ in 0..<(seconds * 10) {
            rows = try screen()
            if ready(rows) { return rows }
            try TmuxPane.kernel.nanosleep(100_000_000)
        }
        return rows
    }

    /// Whether some row is exactly `text`: output, not the echo of the command that prints it.
    func waitForRow(_ text: String, seconds: Int = 30) throws -> Bool {
        try waitFor(seconds: seconds) { $0.contains(text) }.contains(text)
    }

    /// The pane's size as tmux gives it to the program on it: "rows columns", as `stty size`
    /// prints it.
    func size() throws -> String {
        try tmux(["display-message", "-p", "-t", "pane", "#{pane_height} #{pane_width}"]).split(separator: "\n").first.map(String.init) ?? ""
    }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", "pane", "-x", String(columns), "-y", String(rows)])
    }

    /// Clears the screen (and tmux's copy of it) so that later waits see only new rows.
    func clear() throws {
        try type("clear")
        _ = try waitFor { $0.first == "pane$" }
    }

    func close() {
        guard open else { return }
        open = false
        _ = try? tmux(["kill-server"])
        if let socketPath { try? TmuxPane.kernel.unlink(socketPath) }
        try? TmuxPane.kernel.removeAll(directory)
    }

    deinit { close() }

    static func quoted(_ word: String) -> String {
        "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

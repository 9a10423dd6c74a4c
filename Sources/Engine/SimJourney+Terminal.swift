import KernelInterface
import SimKernel

/// `glassbox run -it` (or `exec -it`) typed at a real terminal, on the simulated machine: the
/// machine runs in real time (as `sim serve`'s does) so that it can wait for keys, its init
/// runs the client on a pty of the machine (`init --terminal`), and the host's terminal, raw
/// while the client runs, is bridged to that pty's master through two connections from the
/// host: keys and screen on one, the window's size on each SIGWINCH on the other.
extension SimJourney {
    /// Whether `command` asks for an interactive TTY (`run`/`exec` with `-i` and `-t`, apart or
    /// together): only then, and only on a terminal, is the machine run in real time.
    public static func wantsTerminal(_ command: [String]) -> Bool {
        guard let verb = command.first, verb == "run" || verb == "exec" else { return false }
        var interactive = false, tty = false, detach = false
        for argument in command.dropFirst() where argument.hasPrefix("-") {
            if argument == "--interactive" { interactive = true }
            if argument == "--tty" { tty = true }
            if argument == "--detach" { detach = true }
            if !argument.hasPrefix("--"), argument.count > 1, argument.dropFirst().allSatisfy({ "itd".contains($0) }) {
                interactive = interactive || argument.contains("i")
                tty = tty || argument.contains("t")
                detach = detach || argument.contains("d")
            }
        }
        return interactive && tty && !detach
    }

    /// Runs `command` on a new real-time machine with the client on a pty bridged to the host's
    /// terminal (standard input and output); returns the machine's status (the client's).
    public static func runOnTerminal(command: [String], seed: UInt64, host: Kernel, traceFile: FileDescriptor?) throws -> WaitStatus {
        let size = (try? host.windowSize(.standardOutput)) ?? (try? host.windowSize(.standardInput)) ?? (rows: 24, columns: 80)
        let connection = HostConnection.terminal(host: host, traceFile: traceFile)
        let (machine, environment) = prepare(SimMachine.Configuration(seed: seed, host: host), host: connection)
        let boot = BootResult(lock: host.makeLock())
        try host.spawnThread(name: "gb-machine") { _ in
            boot.finish(Result {
                try machine.boot(path: "/sbin/init", arguments: ["init", "--terminal", String(size.rows), String(size.columns), "--"] + command,
                                 environment: environment,
                                 stdin: SimInit.console.stdin, stdout: SimInit.console.stdout, stderr: SimInit.console.stderr)
            })
        }
        guard let screen = connect(machine, host: host, boot: boot), let sizes = connect(machine, host: host, boot: boot) else {
            return try boot.wait().get()
        }
        let raw = (try? host.setTerminalRaw(.standardInput, true)) != nil
        defer { if raw { try? host.setTerminalRaw(.standardInput, false) } }
        try host.spawnThread(name: "gb-keys") { threadHost in
            while let bytes = try? threadHost.read(.standardInput, count: 4096), !bytes.isEmpty {
                guard (try? screen.send(bytes)) != nil else { return }
            }
            screen.shutdown(.write)
        }
        try host.spawnThread(name: "gb-winch") { threadHost in
            while !boot.isFinished {
                guard let signal = try? threadHost.waitForSignal([.SIGWINCH], timeoutNanoseconds: 200_000_000) else { continue }
                if signal == .SIGWINCH, let size = try? threadHost.windowSize(.standardOutput) {
                    try? sizes.send(Array("\(size.rows) \(size.columns)\n".utf8))
                }
            }
        }
        while true {
            let bytes = screen.receive(count: 4096)
            if bytes.isEmpty { break }
            try? host.writeAll(.standardOutput, bytes)
        }
        let status = try boot.wait().get()
        screen.close()
        sizes.close()
        return status
    }

    /// connectFromHost once init listens (ENOENT or ECONNREFUSED until then); nil when the
    /// machine ended first.
    private static func connect(_ machine: SimMachine, host: Kernel, boot: BootResult) -> HostEndpoint? {
        while !boot.isFinished {
            if let endpoint = try? machine.connectFromHost(to: SimInit.terminalSocket) { return endpoint }
            try? host.nanosleep(10_000_000)
        }
        return nil
    }

    /// The boot's outcome, handed from the machine's host thread to the bridge.
    private final class BootResult: @unchecked Sendable {
        let lock: KernelLock
        var result: Result<WaitStatus, Error>?

        init(lock: KernelLock) { self.lock = lock }

        var isFinished: Bool { lock.withLock { result != nil } }
        func finish(_ outcome: Result<WaitStatus, Error>) { lock.withLock { result = outcome; lock.broadcast() } }
        func wait() -> Result<WaitStatus, Error> {
            lock.withLock {
                while result == nil { lock.waitOnHost() }
                return result ?? .failure(Errno.EIO)
            }
        }
    }
}

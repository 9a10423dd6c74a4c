import KernelInterface
import Wire

/// The client's side of an attached process with stdin or a TTY, as the docker CLI's hijack.go
/// and tty.go do it: the local terminal in raw mode while attached (only when stdin is attached
/// and is a terminal), what is typed copied to the hijacked connection (end of input is a
/// half-close), the window size sent once the process has started and again on every
/// SIGWINCH, and the terminal restored at the end.
final class AttachedTerminal: @unchecked Sendable {
    private let context: ProcessContext
    private var rawMode = false
    /// Made by `monitorSize` (a lock costs a call on the simulated kernel: a session without a
    /// TTY keeps its trace unchanged).
    private var lock: KernelLock?
    /// Set by `restore`: the SIGWINCH watcher ends at its next wake-up.
    private var detached = false

    init(context: ProcessContext) {
        self.context = context
    }

    /// cfmakeraw on standard input when it is a terminal and the process has one too.
    func makeRaw(tty: Bool, interactive: Bool) {
        guard tty, interactive, context.kernel.isatty(.standardInput) else { return }
        rawMode = (try? context.kernel.setTerminalRaw(.standardInput, true)) != nil
    }

    /// Puts standard input back in the mode it had, and stops watching the window's size.
    func restore() {
        if let lock { lock.withLock { detached = true } }
        guard rawMode else { return }
        rawMode = false
        try? context.kernel.setTerminalRaw(.standardInput, false)
    }

    /// A thread copying standard input to `connection` until end of input, then shutdown(2)
    /// for writing, so dockerd sees the client's end of input.
    func copyInput(to connection: Connection) throws {
        try context.kernel.spawnThread(name: "stdin") { threadKernel in
            while let bytes = try? threadKernel.read(.standardInput, count: 32768), !bytes.isEmpty {
                guard (try? threadKernel.writeAll(connection.fd, bytes)) != nil else { return }
            }
            try? threadKernel.shutdown(connection.fd, .write)
        }
    }

    /// `POST <target>?h=ROWS&w=COLUMNS` with the size of the terminal on stdout (else stdin),
    /// as the CLI's `resizeTty`; nothing when neither is a terminal.
    func sendSize(_ client: EngineClient, _ target: String) {
        guard let size = (try? context.kernel.windowSize(.standardOutput)) ?? (try? context.kernel.windowSize(.standardInput)),
              size.rows > 0 || size.columns > 0 else { return }
        _ = try? client.send("POST", client.path("\(target)?h=\(size.rows)&w=\(size.columns)"))
    }

    /// docker/cli's `MonitorTtySize`: the size once now, then again each time the terminal
    /// sends SIGWINCH (its window changed), until `restore`. A thread waits for the signal,
    /// waking every 200 ms to see whether the session ended; where the kernel cannot wait for
    /// a signal (ENOSYS) the size is sent once only.
    func monitorSize(_ client: EngineClient, _ target: String) {
        sendSize(client, target)
        let lock = context.kernel.makeLock()
        self.lock = lock
        try? context.kernel.spawnThread(name: "resize") { [self] threadKernel in
            while !lock.withLock({ detached }) {
                let signal: Signal?
                do {
                    signal = try threadKernel.waitForSignal([.SIGWINCH], timeoutNanoseconds: 200_000_000)
                } catch {
                    return
                }
                if signal == .SIGWINCH, !lock.withLock({ detached }) { sendSize(client, target) }
            }
        }
    }
}

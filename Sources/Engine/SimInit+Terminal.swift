import KernelInterface

/// `init --terminal ROWS COLUMNS -- run -it …`: the client on a pty of the machine, as a person
/// at a terminal runs it. The host's terminal reaches the pty's master through a UNIX socket
/// that the host connects to from outside (`SimJourney.runOnTerminal`): the first connection
/// carries the keys and the screen, the second the window's new sizes as "ROWS COLUMNS\n".
///
///     host tty ⇄ HostEndpoint ⇄ /run/glassbox-terminal.sock ⇄ init ⇄ master ⇄ /dev/pts/0 = client's stdio
extension SimInit {
    static let terminalSocket = "/run/glassbox-terminal.sock"

    static func runClientOnTerminal(_ arguments: [String], rows: UInt16, columns: UInt16, environment: [String], kernel: Kernel) throws -> Int32 {
        try kernel.mkdirAll("/dev/pts")
        try kernel.mount(source: "devpts", target: "/dev/pts", fstype: "devpts", flags: [], data: "newinstance,ptmxmode=0666")
        if !kernel.exists("/dev/ptmx") { try kernel.symlink("pts/ptmx", "/dev/ptmx") }
        let (master, slavePath) = try kernel.openpty(closeOnExec: true)
        try kernel.setWindowSize(master, rows: rows, columns: columns)

        let listener = try kernel.socket(.unix, .stream, closeOnExec: true)
        try kernel.bind(listener, .unix(terminalSocket))
        try kernel.listen(listener, backlog: 2)
        let screen = try kernel.accept(listener, closeOnExec: true)
        let sizes = try kernel.accept(listener, closeOnExec: true)
        try kernel.close(listener)

        let slave = try kernel.open(slavePath, [.readWrite, .closeOnExec], mode: 0)
        // `setsid -c`: the pty becomes the client's controlling terminal, as the host terminal
        // is the shell's, so that a resize's SIGWINCH reaches the client's foreground group.
        let client = try kernel.spawn(SpawnRequest(
            path: "/bin/busybox", arguments: ["setsid", "-c", "glassbox"] + arguments, environment: environment + ["TERM=xterm"],
            fileActions: [.duplicate(slave, to: .standardInput), .duplicate(slave, to: .standardOutput), .duplicate(slave, to: .standardError)]
        ))
        try kernel.close(slave)

        let drained = Drained(lock: kernel.makeLock())
        try kernel.spawnThread(name: "terminal-out") { threadKernel in
            // Until EIO: no slave is open any more (the client and everything it left ended).
            while let bytes = try? threadKernel.read(master, count: 4096), !bytes.isEmpty {
                guard (try? threadKernel.writeAll(screen, bytes)) != nil else { break }
            }
            drained.finish()
        }
        try kernel.spawnThread(name: "terminal-in") { threadKernel in
            while let bytes = try? threadKernel.read(screen, count: 4096), !bytes.isEmpty {
                guard (try? threadKernel.writeAll(master, bytes)) != nil else { return }
            }
        }
        try kernel.spawnThread(name: "terminal-size") { threadKernel in
            var pending: [UInt8] = []
            while let bytes = try? threadKernel.read(sizes, count: 256), !bytes.isEmpty {
                pending += bytes
                while let newline = pending.firstIndex(of: 0x0A) {
                    let fields = String(decoding: pending[..<newline], as: UTF8.self).split(separator: " ").compactMap { UInt16($0) }
                    pending.removeSubrange(...newline)
                    if fields.count == 2 { try? threadKernel.setWindowSize(master, rows: fields[0], columns: fields[1]) }
                }
            }
        }

        var status: Int32 = 0
        while true {
            guard let (pid, ended) = try kernel.wait4(nil, options: []) else { continue }
            if pid == client { status = ended.exitCode; break }
        }
        try drained.wait()
        try? kernel.shutdown(screen, .write)
        try? kernel.close(master)
        return status
    }

    /// The screen copy's end, which init waits for so that the client's last output reaches the
    /// host before the machine stops.
    private final class Drained: @unchecked Sendable {
        let lock: KernelLock
        var done = false

        init(lock: KernelLock) { self.lock = lock }

        func finish() { lock.withLock { done = true; lock.broadcast() } }
        func wait() throws { try lock.withLock { while !done { try lock.wait() } } }
    }
}

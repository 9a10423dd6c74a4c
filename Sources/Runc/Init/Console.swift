import KernelInterface

// The console of a container whose process has `terminal: true`, as runc hands it over
// (utils_linux.go `setupIO`, libcontainer/console_linux.go and init_linux.go `setupConsole`):
//
//   shim (containerd)              runc create / runc exec            runc init (in the container)
//   ─────────────────              ───────────────────────            ────────────────────────────
//   listen on the console socket
//                           ◀───── connect(--console-socket)
//                                  pass the connection to init ─────▶ fd 5 (`_LIBCONTAINER_CONSOLE`)
//                                                                     after pivot_root: open /dev/ptmx,
//                                                                     unlock, name /dev/pts/N
//   recvmsg: the master ◀─────────────────────────────────────────── sendmsg("/dev/ptmx", SCM_RIGHTS master)
//                                                                     slave → fds 0, 1, 2; TIOCSCTTY
//   copy master ↔ stdio FIFOs                                         … execve(process.args)

/// The environment variable naming the console socket's descriptor in `runc init`.
enum ConsoleEnvironment {
    static let name = "_LIBCONTAINER_CONSOLE"

    /// runc's messages for a terminal without a socket and a socket without a terminal.
    static let needsSocket = "cannot allocate tty if runc will detach without setting console socket"
    static let needsTerminal = "cannot use console socket if runc will not allocate tty"

    /// `net.Dial("unix", path)`: the connection runc passes to its init. Close-on-exec here; the
    /// spawn's file action puts it at the init's fd.
    static func connect(kernel: Kernel, path: String, command: String) throws -> FileDescriptor {
        try runStage(command, "setupIO()", operation: "failed to connect to console socket \(path)") {
            let fd = try kernel.socket(.unix, .stream, closeOnExec: true)
            do {
                try kernel.connect(fd, .unix(path))
            } catch {
                try? kernel.close(fd)
                throw error
            }
            return fd
        }
    }
}

extension StandardInit {
    /// init_linux.go `setupConsole` then `system.Setctty`: a new pty from the container's own
    /// /dev/ptmx, the master sent over the console socket with the master's name as the
    /// message (utils.SendFd of `pty.Name()`, which is "/dev/ptmx"), the slave dup'd onto 0, 1
    /// and 2 (`dupStdio`), and made the controlling terminal of the init's session. Nothing
    /// when runc passed no socket.
    func setupConsole(socket: FileDescriptor?) throws {
        guard let socket else { return }
        try stage(operation: "setup console") {
            defer { try? kernel.close(socket) }
            let (master, slavePath) = try kernel.openpty(closeOnExec: true)
            do {
                _ = try kernel.sendmsg(socket, Array("/dev/ptmx".utf8), fds: [master])
            } catch {
                try? kernel.close(master)
                throw error
            }
            try kernel.close(master)
            let slave = try kernel.open(slavePath, [.readWrite, .noControllingTerminal, .closeOnExec], mode: 0)
            for target in [FileDescriptor.standardInput, .standardOutput, .standardError] {
                try kernel.dup2(slave, target, closeOnExec: false)
            }
            try kernel.close(slave)
        }
        try stage(operation: "ioctl(setctty)") { try kernel.setControllingTerminal(.standardInput) }
    }

    /// The console socket's descriptor when runc passed one (`_LIBCONTAINER_CONSOLE`).
    static func consoleSocket(in environment: [String]) -> FileDescriptor? {
        let prefix = ConsoleEnvironment.name + "="
        guard let entry = environment.last(where: { $0.hasPrefix(prefix) }), let number = Int32(entry.dropFirst(prefix.count)) else {
            return nil
        }
        return FileDescriptor(number)
    }
}

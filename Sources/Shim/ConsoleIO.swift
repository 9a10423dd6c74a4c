import KernelInterface
import Trace

/// The stdio of a process with a terminal, as containerd's runc shim wires it
/// (pkg/process/init.go with `runc.NewTempConsoleSocket`, and `Platform.CopyConsole`): the shim
/// listens on a console socket in a private directory under /tmp, gives its path to runc
/// (`--console-socket`), and after runc succeeded takes the pty master the container's init
/// sent there. Then one thread copies the master to the stdout FIFO and one the stdin FIFO to
/// the master. runc itself gets /dev/null as its stdio.
///
///     container fds 0,1,2 = pty slave ◀──▶ master ─▶ [copy-console]  ─▶ stdout FIFO ─▶ dockerd
///                                          master ◀─ [copy-console-stdin] ◀─ stdin FIFO ◀─ dockerd
///
/// Each copier holds its own descriptor of the master (a dup), so neither closes what the other
/// reads; the shim keeps one more for Task/ResizePty until the process is deleted.
final class ConsoleIO: TaskIO, @unchecked Sendable {
    let fileActions: [SpawnFileAction]
    let consoleSocketPath: String?
    private let directory: String
    private let lock: KernelLock
    private var listener: FileDescriptor?
    private var devNull: FileDescriptor?
    private var stdoutFIFO: FileDescriptor?
    private let stdinPath: String?
    private var master: FileDescriptor?
    private var copying = false
    private let deadline: CopierDeadline

    /// Opens the stdout FIFO (dockerd's reader is already waiting), /dev/null for runc, and the
    /// listening console socket. On failure everything made so far is undone.
    init(kernel: Kernel, stdin: String, stdout: String, lock: KernelLock) throws {
        self.lock = lock
        self.deadline = CopierDeadline(lock: lock)
        self.stdinPath = stdin.isEmpty ? nil : stdin
        directory = "/tmp/pty" + hexString(kernel.getrandom(6))
        let socketPath = directory + "/pty.sock"
        consoleSocketPath = socketPath
        var opened: [FileDescriptor] = []
        do {
            try kernel.mkdir(directory, mode: 0o700)
            let listener = try kernel.socket(.unix, .stream, closeOnExec: true)
            opened.append(listener)
            try kernel.bind(listener, .unix(socketPath))
            try kernel.listen(listener, backlog: 1)
            let devNull = try kernel.open("/dev/null", [.readWrite, .closeOnExec], mode: 0)
            opened.append(devNull)
            if !stdout.isEmpty {
                stdoutFIFO = try kernel.open(stdout, [.writeOnly, .closeOnExec], mode: 0)
            }
            self.listener = listener
            self.devNull = devNull
            fileActions = [FileDescriptor.standardInput, .standardOutput, .standardError].map { .duplicate(devNull, to: $0) }
        } catch {
            for fd in opened { try? kernel.close(fd) }
            try? kernel.unlink(socketPath)
            try? kernel.rmdir(directory)
            throw error
        }
    }

    func abandon(kernel: Kernel) {
        let held = lock.withLock { () -> [FileDescriptor] in
            defer { devNull = nil; stdoutFIFO = nil; master = nil }
            return [devNull, stdoutFIFO, master].compactMap { $0 }
        }
        for fd in held { try? kernel.close(fd) }
        removeSocket(kernel: kernel)
    }

    /// runc has its /dev/null: the shim's copy goes.
    func startCopying(kernel: Kernel) {
        if let devNull = lock.withLock({ () -> FileDescriptor? in defer { devNull = nil }; return devNull }) {
            try? kernel.close(devNull)
        }
    }

    /// console.ReceiveMaster: accept(2) the connection runc made and recvmsg(2) the master
    /// (the message is the master's name, "/dev/ptmx", as runc's utils.SendFd writes it).
    func receiveConsole(kernel: Kernel) throws {
        guard let listener = lock.withLock({ self.listener }) else { return }
        defer { removeSocket(kernel: kernel) }
        let connection = try kernel.accept(listener, closeOnExec: true)
        defer { try? kernel.close(connection) }
        let (_, fds) = try kernel.recvmsg(connection, count: 4096)
        guard let received = fds.first else { throw ShimError(.unknown, "no pty master came with the console socket message", stage: "console") }
        for extra in fds.dropFirst() { try? kernel.close(extra) }
        let output = try kernel.dup(received)
        let input = stdinPath == nil ? nil : try? kernel.dup(received)
        let fifo = lock.withLock { () -> FileDescriptor? in
            master = received
            copying = true
            defer { stdoutFIFO = nil }
            return stdoutFIFO
        }
        do {
            try kernel.spawnThread(name: "copy-console") { [self] threadKernel in
                copyOutput(threadKernel, from: output, to: fifo)
            }
        } catch {
            try? kernel.close(output)
            if let fifo { try? kernel.close(fifo) }
            lock.withLock {
                copying = false
                lock.broadcast()
            }
        }
        if let input, let stdinPath {
            do {
                try kernel.spawnThread(name: "copy-console-stdin") { threadKernel in
                    ConsoleIO.copyInput(threadKernel, from: stdinPath, to: input)
                }
            } catch {
                try? kernel.close(input)
            }
        }
    }

    /// The master to the FIFO until the last slave closes (read(2) fails EIO); a FIFO whose
    /// reader left is dropped and the master drained on, so the container never blocks.
    private func copyOutput(_ kernel: Kernel, from master: FileDescriptor, to fifo: FileDescriptor?) {
        var fifo = fifo
        while true {
            let bytes: [UInt8]
            do {
                bytes = try kernel.read(master, count: 32768)
            } catch Errno.EINTR {
                continue
            } catch {
                break
            }
            if bytes.isEmpty { break }
            guard let open = fifo else { continue }
            if (try? kernel.writeAll(open, bytes)) == nil {
                try? kernel.close(open)
                fifo = nil
            }
        }
        if let fifo { try? kernel.close(fifo) }
        try? kernel.close(master)
        lock.withLock {
            copying = false
            lock.broadcast()
        }
    }

    /// The stdin FIFO to the master until dockerd closes its end.
    private static func copyInput(_ kernel: Kernel, from path: String, to master: FileDescriptor) {
        defer { try? kernel.close(master) }
        guard let fifo = try? kernel.open(path, [.readOnly, .closeOnExec], mode: 0) else { return }
        defer { try? kernel.close(fifo) }
        while let bytes = try? kernel.read(fifo, count: 32768), !bytes.isEmpty {
            guard (try? kernel.writeAll(master, bytes)) != nil else { return }
        }
    }

    @discardableResult
    func waitForCopiers(kernel: Kernel, timeoutNanoseconds: Int64?) -> Bool {
        deadline.wait(kernel: kernel, timeoutNanoseconds: timeoutNanoseconds) { copying }
    }

    /// ioctl TIOCSWINSZ on the master, which the container's foreground group sees as SIGWINCH.
    /// Nothing before the master arrived, as containerd's init.Resize does without a console.
    func resize(kernel: Kernel, rows: UInt16, columns: UInt16) throws {
        guard let master = lock.withLock({ self.master }) else { return }
        try kernel.setWindowSize(master, rows: rows, columns: columns)
    }

    func close(kernel: Kernel) {
        let held = lock.withLock { () -> FileDescriptor? in
            defer { master = nil }
            return master
        }
        if let held { try? kernel.close(held) }
        removeSocket(kernel: kernel)
    }

    /// The console socket and its directory, once the master came (or never will).
    private func removeSocket(kernel: Kernel) {
        guard let listener = lock.withLock({ () -> FileDescriptor? in defer { self.listener = nil }; return self.listener }) else { return }
        try? kernel.close(listener)
        if let consoleSocketPath { try? kernel.unlink(consoleSocketPath) }
        try? kernel.rmdir(directory)
    }
}

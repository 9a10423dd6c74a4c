import KernelInterface
import Wire

/// The write side of a process's stdin FIFO, which the shim reads (moby's StreamConfig stdin
/// pipe with containerd's cio FIFO behind it). dockerd makes the FIFO and opens its write end
/// only when there is something to write or to end, from the copier's own thread: that open
/// waits until the shim has opened the read end (as containerd's fifo package opens a FIFO
/// asynchronously), so input that arrives before the process starts waits for it instead of
/// being lost, and the end of input reaches the process only after its bytes. Writes and the
/// close are serialized, so no write lands on a descriptor that was closed and reused.
final class ContainerStdin: @unchecked Sendable {
    let path: String
    private var fd: FileDescriptor?
    private let lock: KernelLock
    private var closed = false

    private init(path: String, lock: KernelLock) {
        self.path = path
        self.lock = lock
    }

    /// mkfifo `path` (replacing a stale one).
    static func open(_ path: String, kernel: Kernel) throws -> ContainerStdin {
        if kernel.exists(path) { try kernel.unlink(path) }
        try kernel.mknod(path, kind: .fifo, mode: 0o700, major: 0, minor: 0)
        return ContainerStdin(path: path, lock: kernel.makeLock())
    }

    /// The write end, opened (blocking until the shim reads) on first use; nil once closed.
    private func writer(kernel: Kernel) -> FileDescriptor? {
        let (current, isClosed) = lock.withLock { (fd, closed) }
        if isClosed { return nil }
        if let current { return current }
        guard let opened = try? kernel.open(path, [.writeOnly, .closeOnExec], mode: 0) else { return nil }
        return lock.withLock { () -> FileDescriptor? in
            if closed {
                try? kernel.close(opened)
                return nil
            }
            if let fd {
                try? kernel.close(opened)
                return fd
            }
            fd = opened
            return opened
        }
    }

    /// Writes all of `bytes`; false once closed or when the write failed.
    func write(_ bytes: [UInt8], kernel: Kernel) -> Bool {
        guard let fd = writer(kernel: kernel) else { return false }
        return lock.withLock {
            guard !closed else { return false }
            return (try? kernel.writeAll(fd, bytes)) != nil
        }
    }

    /// The client's end of input: once the shim reads, closing the write end is the process's
    /// end of file, after every byte written before it.
    func finish(kernel: Kernel) {
        _ = writer(kernel: kernel)
        close(kernel: kernel)
    }

    /// Closes the write end at once, without waiting for a reader: the process ended or never
    /// started. A copier still waiting in the open is released (a non-blocking open of the read
    /// end lets its open complete), and finds the stdin closed.
    func close(kernel: Kernel) {
        let open = lock.withLock { () -> FileDescriptor? in
            guard !closed else { return nil }
            closed = true
            defer { fd = nil }
            return fd
        }
        if let open { try? kernel.close(open) }
        if let release = try? kernel.open(path, [.readOnly, .nonBlocking, .closeOnExec], mode: 0) { try? kernel.close(release) }
    }
}

/// Copies what an attached client types into a process's stdin (moby container/stream
/// attach.go): the bytes after the upgrade on the hijacked connection, until the client
/// half-closes it. Without a TTY and with `StdinOnce` the client's end of file closes the
/// process's stdin; with a TTY it does not (the client only detaches).
final class StdinCopier: @unchecked Sendable {
    private let connection: Connection
    private let lock: KernelLock
    private var running = false

    init(connection: Connection, kernel: Kernel) {
        self.connection = connection
        self.lock = kernel.makeLock()
    }

    func start(into stdin: ContainerStdin, closeAtEnd: Bool, kernel: Kernel) throws {
        lock.withLock { running = true }
        do {
            try kernel.spawnThread(name: "attach-stdin") { [self] threadKernel in
                copy(into: stdin, closeAtEnd: closeAtEnd, kernel: threadKernel)
            }
        } catch {
            lock.withLock { running = false }
            throw error
        }
    }

    private func copy(into stdin: ContainerStdin, closeAtEnd: Bool, kernel: Kernel) {
        var pending: [UInt8] = connection.bufferedCount > 0 ? ((try? connection.readSome()) ?? []) : []
        while true {
            if !pending.isEmpty, !stdin.write(pending, kernel: kernel) { break }
            guard let bytes = try? kernel.read(connection.fd, count: 32768), !bytes.isEmpty else { break }
            pending = bytes
        }
        if closeAtEnd { stdin.finish(kernel: kernel) }
        lock.withLock {
            running = false
            lock.broadcast()
        }
    }

    /// The attach is over: shutdown(SHUT_RD) wakes the copier's read, and the copier is waited
    /// for before the connection may be closed.
    func stop(kernel: Kernel) {
        guard lock.withLock({ running }) else { return }
        try? kernel.shutdown(connection.fd, .read)
        try? lock.withLock { while running { try lock.wait() } }  // throws only when dockerd is dying
    }
}

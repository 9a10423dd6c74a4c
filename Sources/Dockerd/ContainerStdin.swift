import KernelInterface
import Wire

/// The write side of a process's stdin FIFO, which the shim reads (moby's StreamConfig stdin
/// pipe with containerd's cio FIFO behind it). dockerd opens the FIFO read-write, which never
/// blocks (the shim opens its end later, or never when the start fails); closing it is the
/// process's end of file. Writes and the close are serialized, so no write ever lands on a
/// descriptor that was closed and reused.
final class ContainerStdin: @unchecked Sendable {
    let path: String
    private let fd: FileDescriptor
    private let lock: KernelLock
    private var closed = false

    private init(path: String, fd: FileDescriptor, lock: KernelLock) {
        self.path = path
        self.fd = fd
        self.lock = lock
    }

    /// mkfifo `path` (replacing a stale one) and open it `O_RDWR`.
    static func open(_ path: String, kernel: Kernel) throws -> ContainerStdin {
        if kernel.exists(path) { try kernel.unlink(path) }
        try kernel.mknod(path, kind: .fifo, mode: 0o700, major: 0, minor: 0)
        let fd = try kernel.open(path, [.readWrite, .closeOnExec], mode: 0)
        return ContainerStdin(path: path, fd: fd, lock: kernel.makeLock())
    }

    /// Writes all of `bytes`; false once closed or when the write failed.
    func write(_ bytes: [UInt8], kernel: Kernel) -> Bool {
        lock.withLock {
            guard !closed else { return false }
            return (try? kernel.writeAll(fd, bytes)) != nil
        }
    }

    func close(kernel: Kernel) {
        lock.withLock {
            guard !closed else { return }
            closed = true
            try? kernel.close(fd)
        }
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
        if closeAtEnd { stdin.close(kernel: kernel) }
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
        lock.withLock { while running { lock.wait() } }
    }
}

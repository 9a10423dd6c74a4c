import KernelInterface
import Wire

/// One client attached to a container's output. The copier threads write frames to it while the
/// attach handler waits; the handler closes it before its connection is closed, under the
/// stream's own lock, so no frame is ever written to a descriptor that was closed (and perhaps
/// reused) in between.
final class AttachedStream: @unchecked Sendable {
    private let connection: Connection
    private let lock: KernelLock
    private var closed = false

    init(connection: Connection, kernel: Kernel) {
        self.connection = connection
        self.lock = kernel.makeLock()
    }

    /// Writes a frame unless the client has gone; a failed write detaches the client.
    func write(_ frame: [UInt8]) {
        lock.withLock {
            guard !closed else { return }
            do { try connection.write(frame) } catch { closed = true }
        }
    }

    func close() {
        lock.withLock { closed = true }
    }
}

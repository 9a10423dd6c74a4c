import KernelInterface

/// A host thread's end of a UNIX stream connection into a real-time machine, made by
/// `SimMachine.connectFromHost(to:)`. Inside, the connection is an ordinary socket queued on
/// the listener (the daemon accepts it as any other); outside, these methods are safe from any
/// host thread.
///
///     host thread ──send──▶ outside event ──▶ peer's receive queue ──▶ dockerd read(2)
///     host thread ◀─receive── buffer here ◀── dockerd write(2) (never blocks the machine)
///
/// Bytes the machine writes land in a buffer here at once, so a slow host reader never stalls
/// the machine; bytes the host sends are queued as outside events, which wake an idle machine.
public final class HostEndpoint: @unchecked Sendable {
    let machine: SimMachine
    private let lock: KernelLock
    private var received: [UInt8] = []
    /// The machine's side sends no more (closed, shut down writing, or the machine ended).
    private var receivedEnd = false
    private var connection: Result<Void, Errno>?
    private var sendError: Errno?
    private var writeShutdown = false
    private var closed = false
    /// The machine-side socket; touched only by the thread holding the baton.
    var socket: Socket?

    init(machine: SimMachine, lock: KernelLock) {
        self.machine = machine
        self.lock = lock
    }

    /// Queues `bytes` for the peer inside. Never blocks; EPIPE once this side shut down
    /// writing or closed, or after the peer inside went away.
    public func send(_ bytes: [UInt8]) throws {
        try lock.withLock {
            if closed || writeShutdown { throw Errno.EPIPE }
            if let sendError { throw sendError }
        }
        if bytes.isEmpty { return }
        guard let outside = machine.outside, outside.post({ [self] machine in machine.deliverFromHost(bytes, to: self) }) else {
            throw Errno.EPIPE
        }
    }

    /// Waits for bytes from the peer inside: up to `count`; empty at end of stream.
    public func receive(count: Int) -> [UInt8] {
        lock.withLock {
            while received.isEmpty && !receivedEnd && !closed { lock.waitOnHost() }
            let taken = Array(received.prefix(count))
            received.removeFirst(taken.count)
            return taken
        }
    }

    /// shutdown(2): after `.write` the peer reads end of file (an HTTP client's half-close);
    /// after `.read` what the peer sends is dropped and `receive` returns end of stream.
    public func shutdown(_ how: ShutdownHow) {
        lock.withLock {
            if how != .read { writeShutdown = true }
            if how != .write {
                receivedEnd = true
                received = []
                lock.broadcast()
            }
        }
        machine.outside?.post { [self] machine in machine.shutdownFromHost(self, how) }
    }

    /// close(2): the peer inside sees end of file and EPIPE; a `receive` waiting returns.
    public func close() {
        let first = lock.withLock {
            if closed { return false }
            closed = true
            lock.broadcast()
            return true
        }
        guard first, let outside = machine.outside else { return }
        outside.unregister(self)
        outside.post { [self] _ in
            socket?.hostEndpoint = nil
            socket?.close()
            socket = nil
        }
    }

    // MARK: The machine's side (run by the thread holding the baton, or by the machine's end)

    func connected(_ result: Result<Void, Errno>) {
        lock.withLock {
            connection = result
            lock.broadcast()
        }
    }

    func waitForConnection() throws {
        let result = lock.withLock {
            while connection == nil { lock.waitOnHost() }
            return connection ?? .failure(Errno.ECONNREFUSED)
        }
        try result.get()
    }

    func deliver(_ bytes: [UInt8]) {
        lock.withLock {
            guard !closed, !receivedEnd else { return }
            received += bytes
            lock.broadcast()
        }
    }

    func finishReceiving() {
        lock.withLock {
            receivedEnd = true
            lock.broadcast()
        }
    }

    func failSending(_ error: Errno) {
        lock.withLock { sendError = error }
    }

    /// Called on the thread that booted the machine once every simulated thread has ended, so
    /// the socket can be let go here.
    func machineStopped() {
        socket?.hostEndpoint = nil
        socket = nil
        lock.withLock {
            if connection == nil { connection = .failure(Errno.ECONNREFUSED) }
            receivedEnd = true
            sendError = Errno.EPIPE
            lock.broadcast()
        }
    }
}

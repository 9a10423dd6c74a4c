import KernelInterface

/// Real-time mode's door into the machine: host threads (a socket bridge, a signal handler)
/// never touch the machine's state; they post events, which the thread holding the baton runs
/// at its next scheduling point, and wake the machine if it sleeps.
///
/// The wake-up is the self-pipe trick (as libuv's and Go's netpoller's wake-ups are): posting
/// writes a byte to a host pipe, and an idle machine sleeps in poll(2) on that pipe with the
/// time to its next timer as the timeout, so an idle machine costs no CPU.
final class OutsideEvents: @unchecked Sendable {
    typealias Event = @Sendable (SimMachine) -> Void

    let host: Kernel
    private let lock: KernelLock
    private var events: [Event] = []
    private var stopped = false
    private var endpoints: [ObjectIdentifier: HostEndpoint] = [:]
    private let wakeRead: FileDescriptor
    private let wakeWrite: FileDescriptor

    init(host: Kernel) {
        self.host = host
        lock = host.makeLock()
        do {
            (wakeRead, wakeWrite) = try host.pipe(closeOnExec: true)
            try host.setNonBlocking(wakeRead, true)
            try host.setNonBlocking(wakeWrite, true)
        } catch {
            preconditionFailure("SimMachine: the host gives no pipe for the machine's wake-ups (\(error))")
        }
    }

    deinit {
        try? host.close(wakeRead)
        try? host.close(wakeWrite)
    }

    /// Queues `event` for the machine and wakes it; false once the machine has stopped. A full
    /// pipe (EAGAIN) already holds a wake-up, so that error is dropped.
    @discardableResult
    func post(_ event: @escaping Event) -> Bool {
        let accepted = lock.withLock {
            if stopped { return false }
            events.append(event)
            return true
        }
        if accepted { _ = try? host.write(wakeWrite, [1]) }
        return accepted
    }

    /// The events posted since the last call, in posting order.
    func take() -> [Event] {
        lock.withLock {
            let taken = events
            events = []
            return taken
        }
    }

    /// Sleeps the calling host thread (the one holding the baton) until an event is posted or
    /// `timeoutNanoseconds` passes (nil: no limit), then empties the pipe.
    func sleep(timeoutNanoseconds: Int64?) {
        let ready = (try? host.pollReadable([wakeRead], timeoutNanoseconds: timeoutNanoseconds.map { max(0, $0) })) ?? []
        if !ready.isEmpty { _ = try? host.read(wakeRead, count: 4096) }
    }

    /// Remembers an endpoint so that the machine's end can reach it; false once stopped.
    func register(_ endpoint: HostEndpoint) -> Bool {
        lock.withLock {
            if stopped { return false }
            endpoints[ObjectIdentifier(endpoint)] = endpoint
            return true
        }
    }

    func unregister(_ endpoint: HostEndpoint) {
        lock.withLock { endpoints[ObjectIdentifier(endpoint)] = nil }
    }

    /// The machine has ended: later posts fail, pending events are dropped, and every endpoint
    /// still open sees its connection end (as a peer's sockets close when its host goes down).
    func stop() {
        let open = lock.withLock {
            stopped = true
            events = []
            let open = Array(endpoints.values)
            endpoints = [:]
            return open
        }
        for endpoint in open { endpoint.machineStopped() }
    }
}

extension SimMachine {
    /// Runs what host threads posted (real-time mode), on the thread holding the baton.
    func runOutsideEvents() {
        guard let outside else { return }
        for event in outside.take() { event(self) }
    }

    /// Powers the machine off from a host thread (real-time mode): pid 1 is killed, so every
    /// process dies and `boot` returns.
    public func powerOff() {
        guard let outside else { preconditionFailure("SimMachine.powerOff: only a real-time machine (Configuration.host) is reached from outside") }
        outside.post { machine in
            guard let initProcess = machine.initProcess else { return }
            machine.terminate(initProcess, status: .signaled(.SIGKILL))
        }
    }
}

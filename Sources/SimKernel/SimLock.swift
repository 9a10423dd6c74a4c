import CLinux
import KernelInterface

/// A futex-style lock with a condition for the threads of one process. Taking a held lock and
/// waiting park the thread, so another one runs. The operations cannot throw; a thread whose
/// process died while it waits here ends on the spot (nothing it would do can be observed).
final class SimLock: KernelLock, @unchecked Sendable {
    let machine: SimMachine
    private var holder: SimThread?
    private var broadcasts = 0

    init(machine: SimMachine) { self.machine = machine }

    private func callingThread() -> SimThread {
        guard let thread = machine.current, machine.hostThread == gb_thread_self() else {
            preconditionFailure("SimLock: used from a host thread that does not hold the simulated machine")
        }
        machine.clock.tick()
        return thread
    }

    func lock() {
        let thread = callingThread()
        precondition(holder !== thread, "SimLock: lock taken twice by the same thread")
        acquire(thread)
        machine.yieldPoint(thread)
    }

    func unlock() {
        let thread = callingThread()
        precondition(holder === thread || thread.mustUnwind, "SimLock: unlocked by a thread that does not hold it")
        if holder === thread { holder = nil }
        machine.yieldPoint(thread)
    }

    /// Releases the lock, parks until the next `broadcast`, then takes it again.
    func wait() {
        let thread = callingThread()
        precondition(holder === thread, "SimLock: wait without holding the lock")
        let seen = broadcasts
        holder = nil
        park(thread, "condition wait") { [unowned self] in self.broadcasts != seen }
        acquire(thread)
    }

    func broadcast() {
        let thread = callingThread()
        broadcasts += 1
        machine.yieldPoint(thread)
    }

    private func acquire(_ thread: SimThread) {
        while holder != nil {
            park(thread, "lock") { [unowned self] in self.holder == nil }
        }
        holder = thread
    }

    private func park(_ thread: SimThread, _ reason: String, until ready: @escaping () -> Bool) {
        do {
            try machine.block(thread, reason, until: ready)
        } catch {
            machine.abandonThread(thread)
        }
    }
}

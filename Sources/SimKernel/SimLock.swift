import CLinux
import KernelInterface

/// A futex-style lock with a condition for the threads of one process. Taking a held lock and
/// waiting park the thread, so another one runs.
///
/// A thread whose process died while it waits on the condition unwinds: `wait` throws for it,
/// as a blocking Kernel call does, so its stack releases what it holds (a stack left as it was
/// would keep the whole finished machine alive). `lock` cannot throw: a thread killed while it
/// waits for the lock waits on until the holder, unwinding too, lets go, and unwinds from its
/// next call (`acquire`).
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
    func wait() throws {
        let thread = callingThread()
        if thread.mustUnwind {
            if holder === thread { holder = nil }
            throw ProcessUnwind()
        }
        precondition(holder === thread, "SimLock: wait without holding the lock")
        let seen = broadcasts
        holder = nil
        park(thread, "condition wait") { [unowned self] in self.broadcasts != seen }
        // A dying thread leaves without the lock: holding it, the lock would keep the thread,
        // whose body may hold the lock, and the two the machine.
        if thread.mustUnwind { throw ProcessUnwind() }
        acquire(thread)
        if thread.mustUnwind { throw ProcessUnwind() }
    }

    func broadcast() {
        let thread = callingThread()
        broadcasts += 1
        machine.yieldPoint(thread)
    }

    /// Takes the lock, parking while another thread holds it. A thread whose process dies
    /// meanwhile waits on for the holder, which unwinds too and lets go (or has ended holding
    /// it), then takes the lock and unwinds from its next call: left parked here, its stack
    /// would keep the whole machine. Only when the holder is stuck for good (the scheduler
    /// finds nothing else to run) is the thread abandoned.
    /// A live thread waits as a futex waiter does, for ever if the holder ended without letting
    /// go (a program's bug, which the deadlock report then names).
    private func acquire(_ thread: SimThread) {
        while holder != nil, !(thread.mustUnwind && isLeftBehind) {
            do {
                try machine.block(thread, "lock") { [unowned self] in self.holder == nil }
            } catch {
                thread.waitsOutDeath = true
                try? machine.block(thread, "lock (dying)") { [unowned self] in
                    self.holder == nil || self.isLeftBehind || !thread.waitsOutDeath
                }
                let gaveUp = !thread.waitsOutDeath
                thread.waitsOutDeath = false
                if gaveUp && holder != nil && !isLeftBehind { machine.abandonThread(thread) }
            }
        }
        holder = thread
    }

    /// The holder ended without letting go: only a dying thread takes such a lock, to unwind.
    private var isLeftBehind: Bool { holder?.state == .finished }

    /// Parks for the condition; returns early when the thread's process dies (the caller throws).
    private func park(_ thread: SimThread, _ reason: String, until ready: @escaping () -> Bool) {
        try? machine.block(thread, reason, until: ready)
    }
}

import KernelInterface

/// The shim's one reaper: a thread looping `wait4(-1)` that records every child's exit and wakes
/// whoever waits for it, as containerd's `reaper.Default` monitor does for the runc shim. Each
/// runc invocation and the container's init are children of the shim; no other code calls
/// wait4, so no exit is ever stolen from its waiter.
final class Reaper: @unchecked Sendable {
    /// One reaped child.
    struct Exit: Sendable {
        let pid: ProcessID
        let status: WaitStatus
        /// When it was reaped, nanoseconds since the epoch (`exited_at`).
        let at: Int64
        /// The reap's sequence number: an exit only answers a child spawned before it.
        let epoch: UInt64
    }

    /// A child spawned through the reaper, with the epoch at spawn time.
    struct Child: Sendable {
        let pid: ProcessID
        let since: UInt64
    }

    let lock: KernelLock
    private var exits: [ProcessID: Exit] = [:]
    private var epoch: UInt64 = 0
    private var spawned: UInt64 = 0
    /// Called under the lock, on the reaper thread, for every exit; returns true when it took the
    /// exit (the container's init), so that it is not kept for a `wait`.
    var observer: (@Sendable (Kernel, Exit) -> Bool)?

    init(lock: KernelLock) {
        self.lock = lock
    }

    /// The reaper thread's body. When the shim has no child yet, it sleeps until one is spawned.
    func run(kernel: Kernel) {
        while true {
            let seen = lock.withLock { spawned }
            do {
                guard let (pid, status) = try kernel.wait4(nil, options: []) else { continue }
                let at = kernel.clockGettime(.realtime)
                lock.withLock {
                    epoch += 1
                    let exit = Exit(pid: pid, status: status, at: at, epoch: epoch)
                    if observer?(kernel, exit) != true { exits[pid] = exit }
                    lock.broadcast()
                }
            } catch Errno.ECHILD {
                do { try lock.withLock { while spawned == seen { try lock.wait() } } } catch { return }
            } catch Errno.EINTR {
                continue
            } catch {
                return
            }
        }
    }

    /// Spawns `request` as an exec hop and tells the reaper thread there is a child to wait for.
    func spawn(kernel: Kernel, _ request: SpawnRequest, to participant: String, environment: [String]) throws -> (Child, ExecHop) {
        let since = lock.withLock { epoch }
        let hop = try ExecHop.spawn(kernel: kernel, request, to: participant, inheritTraceFrom: environment)
        lock.withLock {
            spawned += 1
            lock.broadcast()
        }
        return (Child(pid: hop.pid, since: since), hop)
    }

    /// Blocks until `child` has been reaped and returns its exit; throws only when this process
    /// is dying (in the simulator), to unwind the caller.
    func wait(for child: Child) throws -> Exit {
        try lock.withLock {
            while true {
                if let exit = takeExitLocked(child.pid, since: child.since) { return exit }
                try lock.wait()
            }
        }
    }

    /// An exit of `pid` reaped after `since`, removed from the table; call with the lock held.
    func takeExitLocked(_ pid: ProcessID, since: UInt64) -> Exit? {
        guard let exit = exits[pid], exit.epoch > since else { return nil }
        exits[pid] = nil
        return exit
    }

    /// The current epoch; call with the lock held.
    var epochLocked: UInt64 { epoch }
}

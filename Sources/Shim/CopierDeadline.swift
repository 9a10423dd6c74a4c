import KernelInterface

/// Waiting for a process's output copiers with a bound, as containerd's init.delete waits at
/// most 2 s for its IO: each bounded wait arms a timer thread of its own, numbered, so a late
/// timer of an earlier wait never cuts a later one short. Its state is guarded by the lock of
/// the IO it serves.
final class CopierDeadline: @unchecked Sendable {
    private let lock: KernelLock
    private var timerGeneration = 0
    private var expiredTimer = -1

    init(lock: KernelLock) {
        self.lock = lock
    }

    /// Waits until `busy` (read under the lock) is false, or until `timeoutNanoseconds` passed;
    /// returns whether the copiers finished.
    func wait(kernel: Kernel, timeoutNanoseconds: Int64?, while busy: () -> Bool) -> Bool {
        var generation = -1
        if let timeoutNanoseconds {
            generation = lock.withLock { () -> Int in
                timerGeneration += 1
                return timerGeneration
            }
            let timer = generation
            let armed = (try? kernel.spawnThread(name: "copy-timeout") { [self] threadKernel in
                try? threadKernel.nanosleep(timeoutNanoseconds)
                lock.withLock {
                    expiredTimer = max(expiredTimer, timer)
                    lock.broadcast()
                }
            }) != nil
            if !armed { generation = -1 }
        }
        return lock.withLock {
            while busy() {
                if generation >= 0 && expiredTimer >= generation { return false }
                // A throw means this process is dying; its next Kernel call unwinds it.
                do { try lock.wait() } catch { return false }
            }
            return true
        }
    }
}

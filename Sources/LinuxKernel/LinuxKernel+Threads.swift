import Glibc
import KernelInterface

/// Threads of the calling process and the lock they share.
extension LinuxKernel {
    /// The corresponding C function is `pthread_create(3)` (clone(2) with `CLONE_THREAD`),
    /// detached: nothing joins it. The new thread names itself (`PR_SET_NAME`) and runs `body`
    /// with this same kernel, which serves every thread.
    public func spawnThread(name: String, _ body: @escaping @Sendable (Kernel) -> Void) throws {
        let start = Unmanaged.passRetained(ThreadStart(kernel: self, name: name, body: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { argument in
            guard let argument else { preconditionFailure("pthread_create: a thread started without its ThreadStart") }
            let start = Unmanaged<ThreadStart>.fromOpaque(argument).takeRetainedValue()
            try? start.kernel.setProcessName(start.name)
            start.body(start.kernel)
            return nil
        }, start)
        if result != 0 {
            Unmanaged<ThreadStart>.fromOpaque(start).release()
            throw failure("pthread_create", result)
        }
    }

    /// A pthread mutex and condition variable (futex(2) underneath).
    public func makeLock() -> KernelLock { PthreadLock() }
}

/// What a new thread needs, handed through pthread_create's one pointer.
private final class ThreadStart {
    let kernel: LinuxKernel
    let name: String
    let body: @Sendable (Kernel) -> Void

    init(kernel: LinuxKernel, name: String, body: @escaping @Sendable (Kernel) -> Void) {
        self.kernel = kernel
        self.name = name
        self.body = body
    }
}

/// `pthread_mutex_t` and `pthread_cond_t` at fixed addresses (pthread objects must not move).
/// As with any condition variable, `wait` may return without a `broadcast`: callers re-check
/// what they wait for in a loop.
final class PthreadLock: KernelLock, @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        mutex.initialize(to: pthread_mutex_t())
        condition.initialize(to: pthread_cond_t())
        Self.check("pthread_mutex_init", pthread_mutex_init(mutex, nil))
        Self.check("pthread_cond_init", pthread_cond_init(condition, nil))
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { Self.check("pthread_mutex_lock", pthread_mutex_lock(mutex)) }
    func unlock() { Self.check("pthread_mutex_unlock", pthread_mutex_unlock(mutex)) }
    /// Never throws: a process that dies takes its threads with it.
    func wait() throws { Self.check("pthread_cond_wait", pthread_cond_wait(condition, mutex)) }
    func broadcast() { Self.check("pthread_cond_broadcast", pthread_cond_broadcast(condition)) }

    /// pthread calls fail only when misused (`EDEADLK`, `EPERM`, `EINVAL`): a bug, so a trap.
    private static func check(_ call: StaticString, _ result: Int32) {
        precondition(result == 0, "\(call): \(Errno(rawValue: result).name)")
    }
}

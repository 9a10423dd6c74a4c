import KernelInterface
import Wire

/// The long-running shim: made a child subreaper (so the container's init, orphaned when
/// `runc create` exits, becomes its child), one reaper thread, the task API served on the
/// inherited listener, and an orderly exit after `Shutdown`.
struct ShimDaemon {
    let options: ShimOptions
    let context: ProcessContext

    func run() throws -> Int32 {
        let kernel = context.kernel
        let listener = ShimOptions.listenerDescriptor
        // Nothing the shim execs (runc, hence the container) may inherit the listener.
        try kernel.setCloseOnExec(listener, true)
        try kernel.setChildSubreaper()
        let lock = kernel.makeLock()
        let reaper = Reaper(lock: lock)
        let service = TaskService(options: options, environment: context.environment, reaper: reaper, lock: lock)
        // Weakly: the service holds the reaper, and a cycle would keep both (and through their
        // lock, a simulated machine) after the shim ends.
        reaper.observer = { [weak service] kernel, exit in service?.processExited(kernel: kernel, exit) ?? false }
        try kernel.spawnThread(name: "reaper") { threadKernel in reaper.run(kernel: threadKernel) }
        let server = RPCServer(peer: "containerd") { call in try service.handle(call) }
        try kernel.spawnThread(name: "ttrpc-accept") { threadKernel in server.serve(kernel: threadKernel, listener: listener) }
        try service.waitForShutdown()
        try? kernel.unlink(options.socketPath)
        try? kernel.shutdown(listener, .readWrite)
        return 0
    }
}

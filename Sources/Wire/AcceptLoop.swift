import KernelInterface

/// Accepts connections on a listening socket until it is closed or fails, and serves each on a
/// thread of its own (as a Go server gives each connection a goroutine). A connection whose
/// thread cannot be started is closed.
func acceptConnections(kernel: Kernel, listener: FileDescriptor, threadName: String,
                       serve: @escaping @Sendable (Kernel, FileDescriptor) -> Void) {
    var index = 0
    while true {
        guard let fd = try? kernel.accept(listener, closeOnExec: true) else { return }
        index += 1
        do {
            try kernel.spawnThread(name: "\(threadName)-\(index)") { threadKernel in serve(threadKernel, fd) }
        } catch {
            try? kernel.close(fd)
        }
    }
}

import KernelInterface
import OCI
import Trace
import Wire

extension Handlers {
    /// `POST /containers/{id}/start` (moby daemon/start.go):
    ///
    ///     dockerd: mount the overlay rootfs, write the spec, make the stdio FIFOs
    ///     dockerd ──Containers/Create──▶ containerd
    ///     dockerd ──Tasks/Create───────▶ containerd ─▶ shim ─▶ runc create
    ///     dockerd ──Tasks/Start────────▶ containerd ─▶ shim ─▶ runc start
    ///     dockerd: a monitor thread calls Tasks/Wait and handles the exit
    ///
    /// A failed start undoes every step already taken, and with AutoRemove removes the
    /// container, as moby's containerStart does in its deferred cleanup.
    func startContainer(_ reference: String) throws {
        try start(try container(reference))
        exchange.respond(status: 204)
    }

    /// Starts a created or exited container; 304 when it runs already.
    func start(_ container: Container) throws {
        try daemon.lock.withLock {
            switch container.status {
            case .running: throw DaemonError(.notModified, "container already started")
            case .removing, .dead: throw DaemonError(.conflict, "container is marked for removal and cannot be started")
            case .created, .exited: break
            }
            // moby's State.SetRunning: a restarted container's last exit code is cleared.
            container.move(to: .running)
            container.error = ""
            container.exitCode = 0
        }
        let lifecycle = ContainerLifecycle(daemon: daemon)
        do {
            try lifecycle.start(container, kernel: kernel)
        } catch {
            let failure = DaemonError.fromRuntime(error)
            daemon.lock.withLock {
                container.move(to: .exited)
                container.exitCode = RunFailure.exitCode(failure.message)
                container.error = failure.message
                container.finishedAt = kernel.clockGettime(.realtime)
                container.startFailures += 1
                daemon.lock.broadcast()
            }
            ContainerFiles(daemon: daemon, kernel: kernel).checkpointOrLog(container)
            if container.autoRemove { try? lifecycle.remove(container, kernel: kernel) }
            throw failure
        }
    }
}

/// The exit codes Docker records for a start that failed before the program ran.
enum RunFailure {
    static func exitCode(_ message: String) -> Int32 {
        if message.contains("executable file not found") || message.contains("no such file or directory") { return 127 }
        if message.contains("permission denied") { return 126 }
        return 128
    }
}

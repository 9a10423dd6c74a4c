import KernelInterface

/// The daemon's shutdown without `--live-restore`, as moby's daemon/daemon.go `Shutdown` does
/// it: every running container is stopped in parallel the way `docker stop` stops it
/// (`shutdownContainer`: its stop signal, then SIGKILL after its stop timeout), and the
/// shutdown waits until each exit has been handled (task deleted, rootfs unmounted, the exit
/// recorded in config.v2.json, a `--rm` container removed, the trash emptied), for at most
/// `shutdownTimeout()` seconds (cmd/dockerd's `shutdownDaemon`). The container records stay on
/// disk, for the next dockerd to restore (Daemon+Restore.swift).
///
///     signal trap ──▶ shutdown ──┬─ thread per container ──▶ Tasks/Kill (stop signal) ─▶ … Tasks/Delete
///                                └─ timer (shutdown timeout)
extension Daemon {
    /// moby's `ShutdownTimeout`: `--shutdown-timeout`, raised to each container's stop timeout
    /// plus a grace of 5 s; nil (for ever) when either is negative.
    func shutdownTimeout() -> Int? {
        let graceSeconds = 5
        var timeout = options.shutdownTimeout
        if timeout < 0 { return nil }
        let stopTimeouts = lock.withLock { containers.values.map { $0.config.StopTimeout ?? 10 } }
        for stopTimeout in stopTimeouts {
            if stopTimeout < 0 { return nil }
            timeout = max(timeout, stopTimeout + graceSeconds)
        }
        return timeout
    }

    /// Stops every running container, each on a thread of its own, and waits for every monitor
    /// to finish; true when all were handled before the shutdown timeout, false when it passed
    /// first ("Force shutdown daemon").
    func shutdown(kernel: Kernel) -> Bool {
        final class Progress: @unchecked Sendable {
            var remaining = 0
            var timedOut = false
        }
        let progress = Progress()
        let timeout = shutdownTimeout()
        let running = lock.withLock { containers.values.filter { $0.status == .running }.sorted { $0.id < $1.id } }
        progress.remaining = running.count
        for container in running {
            let stopOne: @Sendable (Kernel) -> Void = { threadKernel in
                self.shutdownContainer(container, kernel: threadKernel)
                self.lock.withLock {
                    progress.remaining -= 1
                    self.lock.broadcast()
                }
            }
            do {
                try kernel.spawnThread(name: "shutdown-\(container.shortID)", stopOne)
            } catch {
                // No thread for it: stop it on this one, in turn.
                stopOne(kernel)
            }
        }
        if let timeout, !running.isEmpty {
            try? kernel.spawnThread(name: "shutdown-timer") { threadKernel in
                try? threadKernel.nanosleep(Int64(timeout) * 1_000_000_000)
                self.lock.withLock {
                    progress.timedOut = true
                    self.lock.broadcast()
                }
            }
        }
        do {
            return try lock.withLock {
                try wait(until: { (progress.remaining == 0 && monitors == 0 && !trashCollecting) || progress.timedOut })
                return progress.remaining == 0 && monitors == 0 && !trashCollecting
            }
        } catch {
            return false  // dockerd is dying
        }
    }

    /// moby's `shutdownContainer`: stops it with its own stop signal and stop timeout; a failure
    /// is logged and the shutdown goes on with the others.
    func shutdownContainer(_ container: Container, kernel: Kernel) {
        do {
            _ = try ContainerLifecycle(daemon: self).stop(container, timeout: nil, kernel: kernel)
        } catch {
            let message = "failed to shut down container \(container.id): \(error)"
            kernel.tracer?.log(message)
            try? kernel.writeAll(.standardError, "glassbox-dockerd: \(message)\n")
        }
    }
}

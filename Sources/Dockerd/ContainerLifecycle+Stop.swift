import KernelInterface
import Wire

/// Stopping a container through containerd, as moby's daemon/stop.go `containerStop` does: the
/// `docker stop` handler and the daemon's shutdown (Daemon+Shutdown.swift) both stop this way.
extension ContainerLifecycle {
    /// Stops a running container: the stop signal (the config's StopSignal, else SIGTERM)
    /// through containerd's Tasks/Kill, up to `timeout` seconds (the config's StopTimeout, else
    /// 10; negative waits for ever) for it to exit, then SIGKILL; returns once the monitor has
    /// handled the exit (task deleted, rootfs unmounted). False when it was not running.
    func stop(_ container: Container, timeout: Int?, kernel: Kernel) throws -> Bool {
        let (running, stopSignal, configured) = daemon.lock.withLock {
            (container.status == .running, container.config.StopSignal ?? "", container.config.StopTimeout)
        }
        guard running else { return false }
        let signal = Signal(parsing: stopSignal) ?? .SIGTERM
        let seconds = timeout ?? configured ?? 10
        try signalTask(container, signal, kernel: kernel)
        if !waitForExit(container, seconds: seconds, kernel: kernel) {
            try signalTask(container, .SIGKILL, kernel: kernel)
            try daemon.lock.withLock { try daemon.wait(until: { container.status != .running }) }
        }
        daemon.record("stop", container: container, kernel: kernel)
        return true
    }

    /// Waits up to `seconds` of the kernel's clock (for ever when negative) for the container
    /// to stop running: a timer thread wakes the daemon's condition when the time is up.
    func waitForExit(_ container: Container, seconds: Int, kernel: Kernel) -> Bool {
        final class Alarm: @unchecked Sendable { var rang = false }
        let alarm = Alarm()
        if seconds >= 0 {
            let daemon = self.daemon
            do {
                try kernel.spawnThread(name: "stop-timer-\(container.shortID)") { threadKernel in
                    try? threadKernel.nanosleep(Int64(seconds) * 1_000_000_000)
                    daemon.lock.withLock {
                        alarm.rang = true
                        daemon.lock.broadcast()
                    }
                }
            } catch {
                // No timer thread: the wait is over at once, as an expired timeout.
                alarm.rang = true
            }
        }
        do {
            return try daemon.lock.withLock {
                try daemon.wait(until: { container.status != .running || alarm.rang })
                return container.status != .running
            }
        } catch {
            return false  // dockerd is dying: its next Kernel call unwinds this thread
        }
    }

    /// Sends `signal` to the container's init through containerd (Tasks/Kill → the shim →
    /// `runc kill`), and records Docker's `kill` event.
    func signalTask(_ container: Container, _ signal: Signal, kernel: Kernel) throws {
        let client = try daemon.containerd(kernel)
        defer { client.close() }
        daemon.record("kill", container: container, kernel: kernel, extra: ["signal": String(signal.rawValue)],
                      trace: [("signal", .string(signal.name))])
        do {
            _ = try client.call(ContainerdService.tasks, "Kill", KillTaskRequest(container_id: container.id, signal: UInt32(signal.rawValue)), as: Empty.self)
        } catch {
            // The task may have exited between the check and the call: that is a stop, not a failure.
            let stillRunning = daemon.lock.withLock { container.status == .running }
            if stillRunning { throw DaemonError.fromRuntime(error) }
        }
    }
}

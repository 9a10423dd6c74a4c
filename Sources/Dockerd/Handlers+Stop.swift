import KernelInterface
import Wire

extension Handlers {
    /// `POST /containers/{id}/stop?t=N` (moby daemon/stop.go): the stop signal (the config's
    /// StopSignal, else SIGTERM) through containerd's Tasks/Kill, up to `t` seconds (the
    /// config's StopTimeout, else 10; -1 waits for ever) for it to exit, then SIGKILL.
    /// 304 when it is not running.
    func stopContainer(_ reference: String) throws {
        let container = try container(reference)
        let timeout = try integer("t")
        guard try stop(container, timeout: timeout) else {
            exchange.respond(status: 304)
            return
        }
        exchange.respond(status: 204)
    }

    /// `POST /containers/{id}/kill?signal=SIG`: a signal by name or number, SIGKILL by
    /// default. 409 when the container is not running, as Docker answers.
    func killContainer(_ reference: String) throws {
        let container = try container(reference)
        let text = request.queryValue("signal") ?? ""
        guard let signal = text.isEmpty ? Signal.SIGKILL : Signal(parsing: text) else {
            throw DaemonError(.invalidParameter, "Invalid signal: \(text)")
        }
        guard daemon.lock.withLock({ container.status == .running }) else {
            throw DaemonError(.conflict, "Cannot kill container: \(reference): Container \(container.id) is not running")
        }
        try signalTask(container, signal)
        if signal == .SIGKILL { daemon.lock.withLock { daemon.wait(until: { container.status != .running }) } }
        exchange.respond(status: 204)
    }

    /// `POST /containers/{id}/restart?t=N`: stop (as above) if it runs, then start.
    func restartContainer(_ reference: String) throws {
        let container = try container(reference)
        _ = try stop(container, timeout: try integer("t"))
        try start(container)
        daemon.record("restart", container: container, kernel: kernel)
        exchange.respond(status: 204)
    }

    /// Stops a running container; false when it was not running.
    func stop(_ container: Container, timeout: Int?) throws -> Bool {
        let (running, stopSignal, configured) = daemon.lock.withLock {
            (container.status == .running, container.config.StopSignal ?? "", container.config.StopTimeout)
        }
        guard running else { return false }
        let signal = Signal(parsing: stopSignal) ?? .SIGTERM
        let seconds = timeout ?? configured ?? 10
        try signalTask(container, signal)
        if !waitForExit(container, seconds: seconds) {
            try signalTask(container, .SIGKILL)
            daemon.lock.withLock { daemon.wait(until: { container.status != .running }) }
        }
        daemon.record("stop", container: container, kernel: kernel)
        return true
    }

    /// Waits up to `seconds` of the kernel's clock (for ever when negative) for the container
    /// to stop running: a timer thread wakes the daemon's condition when the time is up.
    func waitForExit(_ container: Container, seconds: Int) -> Bool {
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
        return daemon.lock.withLock {
            daemon.wait(until: { container.status != .running || alarm.rang })
            return container.status != .running
        }
    }

    /// Sends `signal` to the container's init through containerd (Tasks/Kill → the shim →
    /// `runc kill`), and records Docker's `kill` event.
    func signalTask(_ container: Container, _ signal: Signal) throws {
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

import KernelInterface

extension Handlers {
    /// `POST /containers/{id}/stop?t=N` (moby daemon/stop.go): the stop signal (the config's
    /// StopSignal, else SIGTERM) through containerd's Tasks/Kill, up to `t` seconds (the
    /// config's StopTimeout, else 10; -1 waits for ever) for it to exit, then SIGKILL.
    /// 304 when it is not running.
    func stopContainer(_ reference: String) throws {
        let container = try container(reference)
        let timeout = try integer("t")
        guard try ContainerLifecycle(daemon: daemon).stop(container, timeout: timeout, kernel: kernel) else {
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
        try ContainerLifecycle(daemon: daemon).signalTask(container, signal, kernel: kernel)
        if signal == .SIGKILL { try daemon.lock.withLock { try daemon.wait(until: { container.status != .running }) } }
        exchange.respond(status: 204)
    }

    /// `POST /containers/{id}/restart?t=N`: stop (as above) if it runs, then start.
    func restartContainer(_ reference: String) throws {
        let container = try container(reference)
        _ = try ContainerLifecycle(daemon: daemon).stop(container, timeout: try integer("t"), kernel: kernel)
        try start(container)
        daemon.record("restart", container: container, kernel: kernel)
        exchange.respond(status: 204)
    }
}

import KernelInterface
import Wire

extension Handlers {
    /// `POST /containers/{id}/wait?condition=not-running|next-exit|removed`: answers 200 at once
    /// (so the client knows it is registered) and sends `{"Error":null,"StatusCode":N}` when the
    /// condition is met, as moby's postContainersWait.
    func waitContainer(_ reference: String) throws {
        let condition = request.queryValue("condition") ?? "not-running"
        guard ["not-running", "next-exit", "removed", ""].contains(condition) else {
            throw DaemonError(.invalidParameter, "invalid condition: \"\(condition)\"; use not-running, next-exit or removed")
        }
        let (container, exitsSeen) = try daemon.lock.withLock { () throws -> (Container, Int) in
            let container = try daemon.lookup(reference)
            return (container, container.exitCount)
        }
        try exchange.startChunked(headers: [("Content-Type", "application/json")])
        let code: Int32 = try daemon.lock.withLock {
            switch condition {
            case "next-exit": try daemon.wait(until: { container.exitCount > exitsSeen || container.removed })
            case "removed": try daemon.wait(until: { container.removed })
            default: try daemon.wait(until: { container.status != .running })
            }
            return container.exitCode
        }
        let answer = ContainerWaitResponse(StatusCode: Int(code))
        try exchange.writeChunk(JSONCoding.encode(answer) + [0x0A])
    }

    /// `POST /containers/{id}/attach?stream=1&stdout=1&stderr=1[&stdin=1]`: upgrades the
    /// connection and keeps it in the container's attached list until the output of the next
    /// run is complete. With `stdin=1` on a container with `OpenStdin`, what the client sends
    /// goes to the container's stdin (ContainerStdin.swift).
    func attachContainer(_ reference: String) throws {
        let (container, epoch, failures) = try daemon.lock.withLock { () throws -> (Container, Int, Int) in
            let container = try daemon.lookup(reference)
            if container.status == .exited || container.status == .dead || container.status == .removing {
                throw DaemonError(.conflict, "You cannot attach to a stopped container, start it first")
            }
            return (container, container.outputEpoch, container.startFailures)
        }
        let connection = try exchange.upgrade(headers: [
            ("Content-Type", "application/vnd.docker.raw-stream"), ("Connection", "Upgrade"), ("Upgrade", "tcp"),
        ])
        let stream = AttachedStream(connection: connection, kernel: kernel)
        let input = StdinCopier(connection: connection, kernel: kernel)
        if flag("stdin"), let stdin = try ContainerLifecycle(daemon: daemon).openStdin(container, kernel: kernel) {
            let (tty, once) = daemon.lock.withLock { (container.config.Tty ?? false, container.config.StdinOnce ?? false) }
            try input.start(into: stdin, closeAtEnd: once && !tty, kernel: kernel)
        }
        defer { input.stop(kernel: kernel) }
        try daemon.lock.withLock {
            container.attached.append(stream)
            try daemon.wait(until: { container.outputEpoch > epoch || container.startFailures > failures || container.removed })
            container.attached.removeAll(where: { $0 === stream })
        }
        stream.close()
    }

    /// `DELETE /containers/{id}[?force=1]`: a running container needs `force`, which kills it
    /// first (SIGKILL through containerd) and waits for the exit.
    func deleteContainer(_ reference: String) throws {
        let container = try daemon.lock.withLock { try daemon.lookup(reference) }
        let running = daemon.lock.withLock { container.status == .running }
        if running {
            guard flag("force") else {
                throw DaemonError(.conflict, "You cannot remove a running container \(container.id). Stop the container before attempting removal or force remove")
            }
            let client = try daemon.containerd(kernel)
            defer { client.close() }
            _ = try? client.call(ContainerdService.tasks, "Kill", KillTaskRequest(container_id: container.id, signal: 9, all: true), as: Empty.self)
            try daemon.lock.withLock { try daemon.wait(until: { container.status != .running }) }
        }
        if container.autoRemove {
            try daemon.lock.withLock { try daemon.wait(until: { container.removed }) }
        } else {
            let removing = daemon.lock.withLock { container.status == .removing || container.removed }
            if removing { throw DaemonError(.conflict, "removal of container \(container.shortID) is already in progress") }
            try ContainerLifecycle(daemon: daemon).remove(container, kernel: kernel)
        }
        exchange.respond(status: 204)
    }
}

import KernelInterface
import OCI
import Trace
import Wire

extension Handlers {
    /// `POST /containers/{id}/exec` (moby daemon/exec.go `ContainerExecCreate`): records the
    /// exec; nothing runs yet. 404 for an unknown container, 409 when it is not running, 400
    /// without a command.
    func createExec(_ reference: String) throws {
        let config = try JSONCoding.decode(ExecConfig.self, from: request.body.isEmpty ? Array("{}".utf8) : request.body)
        guard let command = config.Cmd, !command.isEmpty else {
            throw DaemonError(.invalidParameter, "No exec command specified")
        }
        let container = try daemon.lock.withLock { () throws -> Container in
            let container = try daemon.lookup(reference)
            guard container.status == .running, !container.stopping else {
                throw DaemonError(.conflict, "Container \(container.id) is not running")
            }
            return container
        }
        daemon.pruneExecs(kernel: kernel)
        let id = Trace.hexString(kernel.getrandom(32))
        let record = ExecInstance(id: id, containerID: container.id, config: config)
        daemon.lock.withLock { daemon.execs[id] = record }
        daemon.record("exec_create: " + record.commandLine, container: container, kernel: kernel, extra: ["execID": id])
        try respondJSON(201, ExecCreateResponse(Id: id))
    }

    /// `POST /exec/{id}/start` (moby api/server/router/container/exec.go `postContainerExecStart`):
    /// with `Detach` the answer is 200 as soon as the process runs; otherwise the connection is
    /// hijacked (101 UPGRADED when the client asked to upgrade, else 200) and carries the
    /// process's output as multiplexed frames until it ends. A process that could not start
    /// ends with 127 (not found) or 126, and the error's text on the stream, as moby writes it.
    func startExec(_ id: String) throws {
        let check = request.body.isEmpty ? ExecStartConfig() : try JSONCoding.decode(ExecStartConfig.self, from: request.body)
        let exec = try daemon.execInstance(id)
        let container = try claim(exec)
        let runner = ExecRunner(daemon: daemon, exec: exec, container: container)
        if check.Detach == true {
            do {
                _ = try runner.launch(output: nil, kernel: kernel)
            } catch {
                runner.failed(error, kernel: kernel)
                throw DaemonError.fromRuntime(error)
            }
            try kernel.spawnThread(name: "exec-\(exec.id.prefix(12))") { threadKernel in
                runner.monitor(output: nil, kernel: threadKernel)
            }
            exchange.respond(status: 200)
            return
        }
        let upgrade = request.headers["Upgrade"] != nil
        let headers: [(String, String)] = upgrade
            ? [("Content-Type", "application/vnd.docker.raw-stream"), ("Connection", "Upgrade"), ("Upgrade", "tcp")]
            : [("Content-Type", "application/vnd.docker.raw-stream")]
        let connection = try exchange.upgrade(status: upgrade ? 101 : 200, headers: headers)
        let stream = AttachedStream(connection: connection, kernel: kernel)
        defer { stream.close() }
        let input = StdinCopier(connection: connection, kernel: kernel)
        let output: ExecOutput
        var stdin: ContainerStdin?
        do {
            let directory = daemon.fifoDirectory(container.id)
            output = try ExecOutput.prepare(exec, directory: directory, to: stream, daemon: daemon, kernel: kernel)
            if exec.config.AttachStdin == true {
                let opened = try ContainerStdin.open(directory + "/\(exec.id)-stdin", kernel: kernel)
                stdin = opened
                try input.start(into: opened, closeAtEnd: !exec.tty, kernel: kernel)
            }
            _ = try runner.launch(output: output, stdin: stdin, kernel: kernel)
        } catch {
            runner.failed(error, kernel: kernel)
            input.stop(kernel: kernel)
            stdin?.close(kernel: kernel)
            let message = Array((DaemonError.fromRuntime(error).message + "\r\n").utf8)
            stream.write(exec.tty ? message : StreamFrame.encode(.stdout, message))
            return
        }
        runner.monitor(output: output, kernel: kernel)
        input.stop(kernel: kernel)
        if let stdin {
            stdin.close(kernel: kernel)
            try? kernel.unlink(stdin.path)
        }
    }

    /// Marks the exec as started: once only, and only in a running container (moby's
    /// "Exec command … has already run" / "is already running" conflicts).
    private func claim(_ exec: ExecInstance) throws -> Container {
        try daemon.lock.withLock { () throws -> Container in
            if exec.exitCode != nil || (exec.started && !exec.running) {
                throw DaemonError(.conflict, "Error: Exec command \(exec.id) has already run")
            }
            if exec.running { throw DaemonError(.conflict, "Error: Exec command \(exec.id) is already running") }
            guard let container = daemon.containers[exec.containerID] else { throw DaemonError.noSuchContainer(exec.containerID) }
            guard container.status == .running, !container.stopping else {
                throw DaemonError(.conflict, "Container \(container.id) is not running")
            }
            exec.started = true
            exec.running = true
            container.execIDs.append(exec.id)
            return container
        }
    }

    /// `GET /exec/{id}/json`; 404 once the exec ended more than five minutes ago (pruneExecs).
    func inspectExec(_ id: String) throws {
        daemon.pruneExecs(kernel: kernel)
        let exec = try daemon.execInstance(id)
        let answer = daemon.lock.withLock { exec.inspect() }
        try respondJSON(200, answer)
    }

    /// `POST /exec/{id}/resize?h=&w=` (moby's `ContainerExecResize`): waits for the process to
    /// have started, then Tasks/ResizePty with the exec id. Without a TTY there is nothing to
    /// resize; an unknown exec is 404.
    func resizeExec(_ id: String) throws {
        let exec = try daemon.execInstance(id)
        let height = try integer("h")
        let width = try integer("w")
        if exec.tty {
            let running = try daemon.lock.withLock { () throws -> Bool in
                try daemon.wait(until: { exec.pid != 0 || exec.exitCode != nil })
                return exec.exitCode == nil
            }
            if running {
                do {
                    try resizePty(containerID: exec.containerID, execID: exec.id, height: height, width: width)
                } catch where daemon.lock.withLock({ exec.exitCode != nil }) {
                    // The process ended meanwhile: there is no terminal left to resize.
                }
            }
        }
        exchange.respond(status: 200)
    }
}

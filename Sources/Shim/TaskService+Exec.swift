import KernelInterface
import Trace
import Wire

/// The exec'd processes of the container, as the runc shim serves them (runtime/v2/runc/v2
/// service.go `Exec`, and `Start`/`Wait`/`Kill`/`State`/`Delete` with an exec id):
///
///     containerd ──Task/Exec {exec_id, spec}──▶ shim: writes <bundle>/<exec_id>-process.json
///     containerd ──Task/Start {exec_id}───────▶ shim ──exec runc exec --process F --detach
///                                                       --pid-file <bundle>/<exec_id>.pid ID──▶ runc
///                                               (the process is reparented to the shim, the
///                                                subreaper, when runc exits; the reaper reports
///                                                its exit)
///     containerd ──Task/Wait {exec_id}────────▶ shim   (answers at the exit)
///     containerd ──Task/Delete {exec_id}──────▶ shim   (forgets it, removes its files)
extension TaskService {
    /// Task/Exec: records the process; nothing runs until Start. The container must have a
    /// running init, and the exec id must be new (`id <exec_id>: already exists`).
    func exec(_ call: RPCCall) throws -> Empty {
        let request = try call.decode(ShimExecProcessRequest.self)
        let container = try process(request.id)
        let process = ExecProcess(id: request.exec_id, request: request, bundle: container.bundle)
        try lock.withLock {
            guard case .running = container.state else {
                throw ShimError(.failedPrecondition, "container \(container.id) is not running", stage: "exec")
            }
            guard execs[request.exec_id] == nil else { throw ShimError(.alreadyExists, "id \(request.exec_id)", stage: "exec") }
            execs[request.exec_id] = process
        }
        do {
            try call.kernel.writeFile(process.processFile, JSONCoding.encode(request.spec), mode: 0o600)
        } catch {
            lock.withLock { execs[request.exec_id] = nil }
            throw ShimError(.unknown, "failed to write process spec: \(error)", stage: "exec/process-file")
        }
        return Empty()
    }

    /// The exec'd process `execID` of container `id`; NotFound with the runc shim's words.
    func execProcess(_ id: String, _ execID: String) throws -> ExecProcess {
        _ = try process(id)
        return try lock.withLock {
            guard let process = execs[execID] else { throw ShimError(.notFound, "process \(execID) does not exist") }
            return process
        }
    }

    /// Task/Start with an exec id: opens its stdio and runs `runc exec --detach`; the answer is
    /// the process's pid, read from runc's pid file.
    func startExec(_ call: RPCCall, _ request: ShimTaskRequest, execID: String) throws -> ShimPidResponse {
        let kernel = call.kernel
        let container = try process(request.id)
        let process = try execProcess(request.id, execID)
        try lock.withLock {
            guard case .created = process.state else { throw ShimError(.failedPrecondition, "cannot start a \(process.state.status) process") }
            process.state = .running
        }
        var runc = container.runc
        let command = Runc.Command.exec(id: container.id, processFile: process.processFile, pidFile: process.pidFile)
        let io: TaskIO
        do {
            io = try TaskService.makeIO(kernel: kernel, terminal: process.request.terminal, stdin: process.request.stdin,
                                        stdout: process.request.stdout, stderr: process.request.stderr, lock: lock)
            runc.consoleSocket = io.consoleSocketPath
        } catch let error as Errno {
            failExec(process, kernel: kernel)
            throw ShimError(.unknown, "failed to open stdio: \(error.message)", stage: "exec/stdio")
        }
        let child: Reaper.Child
        let hop: ExecHop
        do {
            (child, hop) = try reaper.spawn(kernel: kernel, runc.request(command, environment: environment, fileActions: io.fileActions),
                                            to: "runc", environment: environment)
        } catch let error as Errno {
            io.abandon(kernel: kernel)
            failExec(process, kernel: kernel)
            throw ShimError(.unknown, "OCI runtime exec failed: exec \(runc.executable): \(error.message)", stage: "runc exec")
        }
        io.startCopying(kernel: kernel)
        lock.withLock { process.io = io }
        let exit = try reaper.wait(for: child)
        hop.finished(kernel: kernel, exit.status)
        guard exit.status == .exited(0) else {
            if process.request.terminal { io.abandon(kernel: kernel) }
            io.waitForCopiers(kernel: kernel, timeoutNanoseconds: 2_000_000_000)
            failExec(process, kernel: kernel)
            throw runtimeError(kernel: kernel, runc, command, exit.status)
        }
        do {
            try io.receiveConsole(kernel: kernel)
        } catch {
            io.abandon(kernel: kernel)
            failExec(process, kernel: kernel)
            throw ShimError(.unknown, "failed to receive the console: \(error)", stage: "exec/console")
        }
        let pid: ProcessID
        do {
            pid = try readPidFile(kernel: kernel, process.pidFile)
        } catch {
            failExec(process, kernel: kernel)
            throw error
        }
        lock.withLock {
            process.pid = pid
            // The process may have ended between runc's exit and now: its exit is in the table.
            if let early = reaper.takeExitLocked(pid, since: child.since) { recordExec(kernel: kernel, early, of: process) }
        }
        return ShimPidResponse(pid: UInt32(pid.rawValue))
    }

    /// A start that failed: the process never ran; it stops with status 255 so that a Wait
    /// already blocked on it is answered (the runc shim closes its waitBlock the same way).
    private func failExec(_ process: ExecProcess, kernel: Kernel) {
        lock.withLock {
            process.state = .stopped(status: .exited(255), exitedAt: kernel.clockGettime(.realtime))
            lock.broadcast()
        }
    }

    /// Reaper callback (lock held): the exit of a started exec'd process.
    func execExited(kernel: Kernel, _ exit: Reaper.Exit) -> Bool {
        guard let process = execs.values.first(where: { $0.pid == exit.pid && !$0.state.isStopped }) else { return false }
        recordExec(kernel: kernel, exit, of: process)
        return true
    }

    /// Applies the exit (lock held) and writes the `process.exit` lifecycle event with the
    /// exec id, as containerd's TaskExit event carries it.
    func recordExec(kernel: Kernel, _ exit: Reaper.Exit, of process: ExecProcess) {
        guard let next = process.state.applying(.exited(exit.status, at: exit.at)) else { return }
        process.state = next
        kernel.tracer?.lifecycle("process.exit", attrs: [
            ("id", .string(process.request.id)), ("exec_id", .string(process.id)), ("pid", .int(Int64(exit.pid.rawValue))),
            ("status", .int(Int64(exit.status.exitCode))), ("exited_at", .string(Timestamp.rfc3339(nanoseconds: exit.at))),
        ])
        lock.broadcast()
    }

    /// Task/Wait with an exec id: blocks until the process has exited.
    func waitExec(_ request: ShimTaskRequest, execID: String) throws -> ShimWaitResponse {
        let process = try execProcess(request.id, execID)
        return try lock.withLock {
            while true {
                if case let .stopped(status, at) = process.state {
                    return ShimWaitResponse(exit_status: UInt32(status.exitCode), exited_at: Timestamp.rfc3339(nanoseconds: at))
                }
                try lock.wait()
            }
        }
    }

    /// Task/Kill with an exec id: kill(2) on the process itself, as the runc shim's
    /// execProcess does (runc kill signals only the init).
    func killExec(_ call: RPCCall, _ request: ShimKillRequest, execID: String) throws -> Empty {
        let process = try execProcess(request.id, execID)
        guard let pid = lock.withLock({ process.state.isStopped ? nil : process.pid }) else {
            throw ShimError(.notFound, "process already finished", stage: "exec kill")
        }
        let signal = Signal(rawValue: Int32(truncatingIfNeeded: request.signal))
        do {
            try call.kernel.kill(pid, signal)
        } catch Errno.ESRCH {
            throw ShimError(.notFound, "process already finished", stage: "exec kill")
        }
        return Empty()
    }

    /// Task/State with an exec id.
    func stateExec(_ request: ShimTaskRequest, execID: String) throws -> ShimStateResponse {
        let container = try process(request.id)
        let process = try execProcess(request.id, execID)
        return lock.withLock {
            var response = ShimStateResponse(id: process.id, bundle: container.bundle, pid: UInt32(process.pid?.rawValue ?? 0),
                                             status: process.state.status)
            if case let .stopped(status, at) = process.state {
                response.exit_status = UInt32(status.exitCode)
                response.exited_at = Timestamp.rfc3339(nanoseconds: at)
            }
            return response
        }
    }

    /// Task/Delete with an exec id: a running process cannot be deleted; a stopped one is
    /// forgotten once its output is drained (at most 2 s), with its process and pid files.
    func deleteExec(_ call: RPCCall, _ request: ShimTaskRequest, execID: String) throws -> ShimDeleteResponse {
        let kernel = call.kernel
        let process = try execProcess(request.id, execID)
        let (status, at, io) = try lock.withLock { () throws -> (WaitStatus, Int64, TaskIO?) in
            switch process.state {
            case .running: throw ShimError(.failedPrecondition, "cannot delete a running process", stage: "exec delete")
            case .created: return (.exited(0), kernel.clockGettime(.realtime), nil)
            case let .stopped(status, at): return (status, at, process.io)
            }
        }
        io?.waitForCopiers(kernel: kernel, timeoutNanoseconds: 2_000_000_000)
        io?.close(kernel: kernel)
        try? kernel.unlink(process.processFile)
        try? kernel.unlink(process.pidFile)
        lock.withLock { execs[execID] = nil }
        return ShimDeleteResponse(pid: UInt32(process.pid?.rawValue ?? 0), exit_status: UInt32(status.exitCode),
                                  exited_at: Timestamp.rfc3339(nanoseconds: at))
    }
}

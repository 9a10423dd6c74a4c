import KernelInterface
import Trace
import Wire

/// The task API the shim serves (containerd's runtime/v2/task/shim.proto, service
/// `containerd.task.v2.Task`) for the one container it was started for.
final class TaskService: @unchecked Sendable {
    /// The methods, spelled as they appear in the trace (`containerd.task.v2.Task/Create`).
    enum Method: String, Sendable {
        case create = "Create"
        case start = "Start"
        case wait = "Wait"
        case delete = "Delete"
        case kill = "Kill"
        case state = "State"
        case pids = "Pids"
        case connect = "Connect"
        case shutdown = "Shutdown"
        case exec = "Exec"
        case resizePty = "ResizePty"
    }

    /// The container's init once `runc create` succeeded; nil before and after Delete.
    final class InitProcess: @unchecked Sendable {
        let id: String
        /// runc as Task/Create chose it (its `--root` from the request's options): every later
        /// runc call for this container uses the same state directory, as the runc shim keeps
        /// one `runc.Runc` per container.
        let runc: Runc
        let pid: ProcessID
        let io: TaskIO
        var state: InitState = .created

        var bundle: String { runc.bundle }

        init(id: String, runc: Runc, pid: ProcessID, io: TaskIO) {
            self.id = id
            var runc = runc
            runc.consoleSocket = nil
            self.runc = runc
            self.pid = pid
            self.io = io
        }
    }

    let options: ShimOptions
    /// The shim's environment, passed to runc with the trace variables (`GLASSBOX_TRACE`).
    let environment: [String]
    let reaper: Reaper
    /// One lock for the init's state, the reaper's table and shutdown: every wait is on it.
    let lock: KernelLock
    var initProcess: InitProcess?
    /// The exec'd processes by exec id, from Task/Exec to Task/Delete (TaskService+Exec.swift).
    var execs: [String: ExecProcess] = [:]
    /// A Create is between its checks and its answer.
    var creating = false
    var shutdownRequested = false

    init(options: ShimOptions, environment: [String], reaper: Reaper, lock: KernelLock) {
        self.options = options
        self.environment = environment
        self.reaper = reaper
        self.lock = lock
    }

    func handle(_ call: RPCCall) throws -> JSONValue {
        guard call.service == ShimService.task, let method = Method(rawValue: call.method) else {
            throw RPCError(.unimplemented, "\(call.service)/\(call.method) is not implemented")
        }
        do {
            if let execID = try execID(of: call, method) { return try handleExec(call, method, execID: execID) }
            switch method {
            case .create: return try JSONCoding.value(create(call))
            case .start: return try JSONCoding.value(start(call))
            case .wait: return try JSONCoding.value(wait(call))
            case .delete: return try JSONCoding.value(delete(call))
            case .kill: return try JSONCoding.value(kill(call))
            case .state: return try JSONCoding.value(state(call))
            case .pids: return try JSONCoding.value(pids(call))
            case .connect: return try JSONCoding.value(connect(call))
            case .shutdown: return try JSONCoding.value(shutdown(call))
            case .exec: return try JSONCoding.value(exec(call))
            case .resizePty: return try JSONCoding.value(resizePty(call))
            }
        } catch {
            throw ShimError.rpcError(error)
        }
    }

    /// The exec id of a Start, Wait, Kill, State or Delete that names an exec'd process.
    private func execID(of call: RPCCall, _ method: Method) throws -> String? {
        switch method {
        case .start, .wait, .kill, .state, .delete: return try call.decode(ShimTaskRequest.self).execID
        case .create, .pids, .connect, .shutdown, .exec, .resizePty: return nil
        }
    }

    private func handleExec(_ call: RPCCall, _ method: Method, execID: String) throws -> JSONValue {
        let request = try call.decode(ShimTaskRequest.self)
        switch method {
        case .start: return try JSONCoding.value(startExec(call, request, execID: execID))
        case .wait: return try JSONCoding.value(waitExec(request, execID: execID))
        case .kill: return try JSONCoding.value(killExec(call, call.decode(ShimKillRequest.self), execID: execID))
        case .state: return try JSONCoding.value(stateExec(request, execID: execID))
        case .delete: return try JSONCoding.value(deleteExec(call, request, execID: execID))
        case .create, .pids, .connect, .shutdown, .exec, .resizePty:
            preconditionFailure("\(method.rawValue) carries no exec id")
        }
    }

    /// The init of the container `id`; NotFound before Create and after Delete, with the
    /// runc shim's words.
    func process(_ id: String) throws -> InitProcess {
        try lock.withLock {
            guard let initProcess, initProcess.id == id else { throw ShimError(.notFound, "container \(id) not created") }
            return initProcess
        }
    }

    /// Reaper callback (lock held): the init's exit moves it to stopped and is traced.
    func processExited(kernel: Kernel, _ exit: Reaper.Exit) -> Bool {
        guard let initProcess, initProcess.pid == exit.pid else { return execExited(kernel: kernel, exit) }
        record(kernel: kernel, exit, of: initProcess)
        return true
    }

    /// Applies the init's exit (lock held) and writes the `process.exit` lifecycle event.
    func record(kernel: Kernel, _ exit: Reaper.Exit, of process: InitProcess) {
        guard let next = process.state.applying(.exited(exit.status, at: exit.at)) else { return }
        process.state = next
        kernel.tracer?.lifecycle("process.exit", attrs: [
            ("id", .string(process.id)), ("pid", .int(Int64(exit.pid.rawValue))),
            ("status", .int(Int64(exit.status.exitCode))), ("exited_at", .string(Timestamp.rfc3339(nanoseconds: exit.at))),
        ])
        lock.broadcast()
    }

    /// Runs one runc command to its end through the reaper; the exec hop's response carries
    /// the status.
    func runRunc(kernel: Kernel, _ runc: Runc, _ command: Runc.Command, fileActions: [SpawnFileAction]) throws -> (Reaper.Child, Reaper.Exit) {
        let (child, hop) = try reaper.spawn(kernel: kernel, runc.request(command, environment: environment, fileActions: fileActions),
                                            to: "runc", environment: environment)
        let exit = try reaper.wait(for: child)
        hop.finished(kernel: kernel, exit.status)
        return (child, exit)
    }

    /// runc with stdio on `/dev/null`; a failure becomes "OCI runtime <verb> failed: <log msg>".
    func runRuncQuietly(kernel: Kernel, _ runc: Runc, _ command: Runc.Command) throws {
        let devNull = try kernel.open("/dev/null", [.readWrite, .closeOnExec], mode: 0)
        defer { try? kernel.close(devNull) }
        let actions: [SpawnFileAction] = [.duplicate(devNull, to: .standardInput), .duplicate(devNull, to: .standardOutput),
                                          .duplicate(devNull, to: .standardError)]
        let (_, exit) = try runRunc(kernel: kernel, runc, command, fileActions: actions)
        guard exit.status == .exited(0) else { throw runtimeError(kernel: kernel, runc, command, exit.status) }
    }

    func runtimeError(kernel: Kernel, _ runc: Runc, _ command: Runc.Command, _ status: WaitStatus) -> ShimError {
        let detail = runc.lastError(kernel: kernel) ?? "runc \(command.verb) failed: \(status)"
        return ShimError(.unknown, "OCI runtime \(command.verb) failed: \(detail)", stage: "runc \(command.verb)")
    }

    /// Blocks the main thread until Shutdown was answered.
    func waitForShutdown() throws {
        try lock.withLock { while !shutdownRequested { try lock.wait() } }
    }
}

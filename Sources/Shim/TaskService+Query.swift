import KernelInterface
import Trace
import Wire

/// Connect's answer (shim.proto ConnectResponse).
struct ShimConnectResponse: Codable, Sendable {
    var shim_pid: UInt32
    var task_pid: UInt32
    var version: String
}

extension TaskService {
    /// Task/State: the shim's record, with `runc state` consulted while the init is alive (the
    /// runc shim's runningState asks runc too, which is how "paused" would show).
    func state(_ call: RPCCall) throws -> ShimStateResponse {
        let request = try call.decode(ShimTaskRequest.self)
        let process = try process(request.id)
        let recorded = lock.withLock { process.state }
        var response = ShimStateResponse(id: process.id, bundle: process.bundle, pid: UInt32(process.pid.rawValue), status: recorded.status)
        switch recorded {
        case let .stopped(status, at):
            response.exit_status = UInt32(status.exitCode)
            response.exited_at = Timestamp.rfc3339(nanoseconds: at)
        case .created, .running:
            if let reported = runcStatus(kernel: call.kernel, process), lock.withLock({ !process.state.isStopped }) {
                response.status = reported
            }
        }
        return response
    }

    /// `runc state <id>`'s status, read from its stdout; nil when runc fails.
    private func runcStatus(kernel: Kernel, _ process: InitProcess) -> String? {
        guard let devNull = try? kernel.open("/dev/null", [.readWrite, .closeOnExec], mode: 0) else { return nil }
        defer { try? kernel.close(devNull) }
        guard let pipe = try? kernel.pipe(closeOnExec: true) else { return nil }
        let actions: [SpawnFileAction] = [.duplicate(devNull, to: .standardInput), .duplicate(pipe.write, to: .standardOutput),
                                          .duplicate(devNull, to: .standardError)]
        guard let (child, hop) = try? reaper.spawn(kernel: kernel, process.runc.request(.state(id: process.id), environment: environment, fileActions: actions),
                                                   to: "runc", environment: environment)
        else {
            try? kernel.close(pipe.read)
            try? kernel.close(pipe.write)
            return nil
        }
        try? kernel.close(pipe.write)
        let output = (try? kernel.readAll(pipe.read)) ?? []
        try? kernel.close(pipe.read)
        guard let exit = try? reaper.wait(for: child) else { return nil }
        hop.finished(kernel: kernel, exit.status)
        guard exit.status == .exited(0), let json = try? JSONParser.parse(output) else { return nil }
        return json["status"]?.stringValue
    }

    /// Task/Pids: the members of the container's cgroup (`cgroup.procs`, what `runc ps` reads),
    /// or the init alone when the spec names no cgroup.
    func pids(_ call: RPCCall) throws -> ListPidsResponse {
        let request = try call.decode(ShimTaskRequest.self)
        let process = try process(request.id)
        let kernel = call.kernel
        if lock.withLock({ process.state.isStopped }) { return ListPidsResponse(processes: []) }
        if let spec = try? JSONParser.parse(kernel.readFile(joinPath(process.bundle, "config.json"))),
           let cgroupsPath = spec["linux"]?["cgroupsPath"]?.stringValue, !cgroupsPath.isEmpty,
           let members = try? kernel.readTextFile(joinPath(joinPath("/sys/fs/cgroup", cgroupsPath), "cgroup.procs")) {
            let pids = members.split(whereSeparator: \.isNewline).compactMap { UInt32($0) }
            return ListPidsResponse(processes: pids.map { .init(pid: $0) })
        }
        return ListPidsResponse(processes: [.init(pid: UInt32(process.pid.rawValue))])
    }

    /// Task/Connect: the shim's pid and the init's.
    func connect(_ call: RPCCall) throws -> ShimConnectResponse {
        let request = try call.decode(ShimTaskRequest.self)
        let taskPid = lock.withLock { initProcess?.id == request.id ? initProcess?.pid.rawValue ?? 0 : 0 }
        return ShimConnectResponse(shim_pid: UInt32(call.kernel.getpid().rawValue), task_pid: UInt32(taskPid), version: "2")
    }

    /// Task/Shutdown: answers, then the shim exits (once the answer is written, the main thread
    /// wakes, removes the socket and ends the process). While a container is still here the request is ignored unless `now`,
    /// as the runc shim ignores it while it has containers.
    func shutdown(_ call: RPCCall) throws -> Empty {
        let request = try call.decode(ShimShutdownRequest.self)
        let accepted = lock.withLock { initProcess == nil || request.now }
        guard accepted else { return Empty() }
        // The main thread ends the process: only once this answer is on the connection.
        call.afterAnswer.append { [self] in
            lock.withLock {
                shutdownRequested = true
                lock.broadcast()
            }
        }
        return Empty()
    }
}

import KernelInterface
import Wire

extension TaskService {
    /// Task/Start: `runc start` releases the init from `exec.fifo`; it exec's the container's
    /// process. The answer's pid is the init's.
    func start(_ call: RPCCall) throws -> ShimPidResponse {
        let request = try call.decode(ShimTaskRequest.self)
        let process = try process(request.id)
        try lock.withLock {
            guard case .created = process.state else {
                throw ShimError(.failedPrecondition, "cannot start a \(process.state.status) process")
            }
        }
        try runRuncQuietly(kernel: call.kernel, process.runc, .start(id: process.id))
        lock.withLock {
            if let next = process.state.applying(.started) { process.state = next }
        }
        return ShimPidResponse(pid: UInt32(process.pid.rawValue))
    }

    /// Task/Wait: blocks until the reaper saw the init exit.
    func wait(_ call: RPCCall) throws -> ShimWaitResponse {
        let request = try call.decode(ShimTaskRequest.self)
        let process = try process(request.id)
        return try lock.withLock {
            while true {
                if case let .stopped(status, at) = process.state {
                    return ShimWaitResponse(exit_status: UInt32(status.exitCode), exited_at: Timestamp.rfc3339(nanoseconds: at))
                }
                try lock.wait()
            }
        }
    }

    /// Task/Kill: `runc kill <id> <signal>`. A stopped init is "process already finished:
    /// not found", as containerd's checkKillError says.
    func kill(_ call: RPCCall) throws -> Empty {
        let request = try call.decode(ShimKillRequest.self)
        let process = try process(request.id)
        let finished = ShimError(.notFound, "process already finished", stage: "runc kill")
        guard !(lock.withLock { process.state.isStopped }) else { throw finished }
        do {
            try runRuncQuietly(kernel: call.kernel, process.runc, .kill(id: process.id, signal: Int32(request.signal)))
        } catch let error as ShimError {
            if lock.withLock({ process.state.isStopped }) { throw finished }
            throw ShimError(.unknown, "unknown error after kill: \(error.message)", stage: "runc kill")
        }
        return Empty()
    }

    /// Task/Delete: `runc delete` (forced for a created init, which runc then kills), after the
    /// output copiers drained (at most 2 s, as containerd's init.delete waits). A running init
    /// cannot be deleted.
    func delete(_ call: RPCCall) throws -> ShimDeleteResponse {
        let request = try call.decode(ShimTaskRequest.self)
        let process = try process(request.id)
        let kernel = call.kernel
        let force = try lock.withLock { () throws -> Bool in
            switch process.state {
            case .running: throw ShimError(.failedPrecondition, "cannot delete a running process", stage: "delete")
            case .created: return true
            case .stopped: return false
            }
        }
        if !force { process.io.waitForCopiers(kernel: kernel, timeoutNanoseconds: 2_000_000_000) }
        let runc = process.runc
        do {
            try runRuncQuietly(kernel: kernel, runc, .delete(id: process.id, force: force))
        } catch {
            // A delete that failed half-way (an I/O error reading runc's state, say) would leave
            // the cgroup and runc's state behind for good: nothing else deletes them. Ask once
            // more with --force, which cleans whatever is left, before reporting the failure.
            try runRuncQuietly(kernel: kernel, runc, .delete(id: process.id, force: true))
        }
        let (status, at) = try lock.withLock { () throws -> (WaitStatus, Int64) in
            while true {
                if case let .stopped(status, at) = process.state { return (status, at) }
                try lock.wait()
            }
        }
        if force { process.io.waitForCopiers(kernel: kernel, timeoutNanoseconds: 2_000_000_000) }
        process.io.close(kernel: kernel)
        lock.withLock { initProcess = nil }
        return ShimDeleteResponse(pid: UInt32(process.pid.rawValue), exit_status: UInt32(status.exitCode),
                                  exited_at: Timestamp.rfc3339(nanoseconds: at))
    }
}

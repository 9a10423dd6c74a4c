import KernelInterface
import OCI
import Trace

/// `runc exec`'s side of a new process in a running container (libcontainer's
/// `setnsProcess.start`): the two `runc init` stages of SetnsSync.swift, the cgroup, and the
/// wait for the process. A failure kills whatever was started, so nothing is left running.
struct ContainerExec {
    let runtime: Runtime
    let record: ContainerRecord
    /// The container's config.json with `process` replaced by the exec'd one.
    let spec: Spec
    let detach: Bool
    /// `--console-socket`: where the process's terminal master goes (Init/Console.swift).
    var consoleSocket: String? = nil

    var kernel: Kernel { runtime.kernel }

    /// Starts the process; answers its pid in runc's pid namespace.
    func start() throws -> ProcessID {
        // Stage 2 is orphaned when stage 1 exits: as a subreaper this process adopts it and can
        // wait for it (runc keeps it a child with CLONE_PARENT). With --detach it goes to the
        // next subreaper up, the shim.
        if !detach { try stage(operation: "prctl PR_SET_CHILD_SUBREAPER") { try kernel.setChildSubreaper() } }
        let config = ExecInitConfig(
            id: record.id, spec: spec, rootfs: record.rootfs, initPid: record.pid,
            namespaces: (spec.linux?.namespaces ?? []).map(\.type.rawValue), initExecutable: runtime.initExecutable
        )
        let (stageOne, pipe) = try spawnStageOne()
        defer { pipe.close() }
        var processPid: ProcessID?
        do {
            try stage(operation: "send config to runc init") { try pipe.send(config) }
            let pid = try receivePid(pipe)
            processPid = pid
            _ = try? kernel.wait4(stageOne, options: [])
            try stage(operation: "unable to apply cgroup configuration") {
                try Cgroups.manager(kernel: kernel, record: record).apply(pid: pid)
            }
            try stage(operation: "send config to runc init") { try pipe.send(config) }
            try awaitReady(pipe)
            try stage(operation: "sync with runc init") { try pipe.waitForClose() }
            return pid
        } catch {
            if let processPid {
                try? kernel.kill(processPid, .SIGKILL)
                if !detach { _ = try? kernel.wait4(processPid, options: []) }
            } else {
                try? kernel.kill(stageOne, .SIGKILL)
                _ = try? kernel.wait4(stageOne, options: [])
            }
            let error = error as? RuncError ?? RuncError(.system, "\(error)", stage: "runc exec/start")
            let step = error.stage.split(separator: "/").last.map(String.init) ?? error.stage
            throw RuncError(error.code, "unable to start container process: \(step): \(error.message)", stage: error.stage)
        }
    }

    /// Waits for the process (the shell's status: 128+n for signal n), as `runc exec` without
    /// --detach exits with it.
    func wait(_ pid: ProcessID) throws -> Int32 {
        while true {
            do {
                guard let (reaped, status) = try kernel.wait4(pid, options: []) else { continue }
                if reaped == pid { return status.exitCode }
            } catch Errno.EINTR {
                continue
            } catch let errno as Errno {
                throw RuncError.syscall(errno, "wait4 \(pid)", stage: "runc exec/wait")
            }
        }
    }

    private func stage<T>(_ function: String = #function, operation: @autoclosure () -> String? = nil, _ body: () throws -> T) throws -> T {
        try runStage("exec", function, operation: operation(), body)
    }

    /// Starts stage 1 in runc's own namespaces with the sync socket as fd 3 and this process's
    /// stdio, which become the exec'd process's. With a terminal, the connection to the console
    /// socket is fd 4, which stage 2 inherits.
    private func spawnStageOne() throws -> (ProcessID, SyncPipe) {
        let (parentEnd, childEnd) = try stage { try kernel.socketpair(.stream, closeOnExec: true) }
        defer { try? kernel.close(childEnd) }
        let console = try InitProcess.connectConsole(consoleSocket, kernel: kernel, command: "exec", closingOnFailure: parentEnd)
        defer { if let console { try? kernel.close(console) } }
        return try stage {
            let pid = try InitProcess(runtime: runtime, initType: SetnsInitEnvironment.initType, workingDirectory: record.bundle)
                .spawn(syncEnd: childEnd, console: console)
            runtime.logger.debug("runc init (setns) started as pid \(pid)")
            return (pid, SyncPipe(kernel: kernel, fd: parentEnd))
        }
    }

    private func receivePid(_ pipe: SyncPipe) throws -> ProcessID {
        let message = try stage(operation: "read sync pipe") { try pipe.receive(SetnsMessage.self) }
        switch message?.type {
        case .procPid:
            guard let pid = message?.pid, pid > 0 else {
                throw RuncError(.system, "runc init sent no pid", stage: "runc exec/receive_pid")
            }
            return ProcessID(pid)
        case .procError:
            throw RuncError(.system, message?.message ?? "unknown error", stage: message?.stage ?? "runc exec/init")
        case .procReady, nil:
            throw RuncError(.system, "runc init ended before it sent the pid", stage: "runc exec/receive_pid")
        }
    }

    private func awaitReady(_ pipe: SyncPipe) throws {
        let message = try stage(operation: "read sync pipe") { try pipe.receive(SetnsMessage.self) }
        switch message?.type {
        case .procReady:
            return
        case .procError:
            throw RuncError(.system, message?.message ?? "unknown error", stage: message?.stage ?? "runc exec/init")
        case .procPid, nil:
            throw RuncError(.system, "runc init ended before it was ready", stage: "runc exec/await_ready")
        }
    }
}

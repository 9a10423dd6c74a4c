import KernelInterface
import Wire

extension TaskService {
    /// Task/Create: opens the stdio, runs `runc create` with the pipes as its fds 0-2 and its
    /// state under the options' root, and adopts the init runc leaves waiting on `exec.fifo` (it
    /// is reparented to this subreaper when runc exits). A failure leaves nothing behind: runc
    /// removed its state, and the FIFOs and pipes are closed before the answer, so dockerd's
    /// readers see end of file.
    func create(_ call: RPCCall) throws -> ShimPidResponse {
        let request = try call.decode(ShimCreateTaskRequest.self)
        try lock.withLock {
            guard initProcess == nil, !creating else { throw ShimError(.alreadyExists, "container \(request.id)") }
            creating = true
        }
        defer { lock.withLock { creating = false } }
        let kernel = call.kernel
        var runc = Runc(root: request.options?.root, namespace: options.namespace, bundle: request.bundle, executable: options.runcExecutable)
        try ShimDelete.writeOptions(request.options, bundle: request.bundle, kernel: kernel)
        let io: TaskIO
        do {
            io = try TaskService.makeIO(kernel: kernel, terminal: request.terminal, stdin: request.stdin, stdout: request.stdout,
                                        stderr: request.stderr, lock: lock)
            runc.consoleSocket = io.consoleSocketPath
        } catch let error as Errno {
            throw ShimError(.unknown, "failed to open stdio: \(error.message)", stage: "create/stdio")
        }
        let child: Reaper.Child
        let hop: ExecHop
        do {
            (child, hop) = try reaper.spawn(kernel: kernel, runc.request(.create(id: request.id), environment: environment, fileActions: io.fileActions),
                                            to: "runc", environment: environment)
        } catch let error as Errno {
            io.abandon(kernel: kernel)
            throw ShimError(.unknown, "OCI runtime create failed: exec \(runc.executable): \(error.message)", stage: "runc create")
        }
        io.startCopying(kernel: kernel)
        let exit = try reaper.wait(for: child)
        hop.finished(kernel: kernel, exit.status)
        guard exit.status == .exited(0) else {
            if request.terminal { io.abandon(kernel: kernel) }
            io.waitForCopiers(kernel: kernel, timeoutNanoseconds: 2_000_000_000)
            throw runtimeError(kernel: kernel, runc, .create(id: request.id), exit.status)
        }
        do {
            try io.receiveConsole(kernel: kernel)
        } catch {
            try? runRuncQuietly(kernel: kernel, runc, .delete(id: request.id, force: true))
            io.abandon(kernel: kernel)
            throw ShimError(.unknown, "failed to receive the console: \(error)", stage: "create/console")
        }
        let pid: ProcessID
        do {
            pid = try readPidFile(kernel: kernel, runc.pidFilePath)
        } catch {
            try? runRuncQuietly(kernel: kernel, runc, .delete(id: request.id, force: true))
            io.waitForCopiers(kernel: kernel, timeoutNanoseconds: 2_000_000_000)
            throw error
        }
        let process = InitProcess(id: request.id, runc: runc, pid: pid, io: io)
        lock.withLock {
            initProcess = process
            // The init may have died between runc's exit and now: its exit is in the table.
            if let early = reaper.takeExitLocked(pid, since: child.since) { record(kernel: kernel, early, of: process) }
        }
        return ShimPidResponse(pid: UInt32(pid.rawValue))
    }

    /// runc's `--pid-file`: the init's pid as the shim sees it.
    func readPidFile(kernel: Kernel, _ path: String) throws -> ProcessID {
        let text: String
        do {
            text = try kernel.readTextFile(path)
        } catch let error as Errno {
            throw ShimError(.unknown, "failed to read init pid file: open \(path): \(error.message)", stage: "create/pid-file")
        }
        let digits = text.filter { !$0.isWhitespace }
        guard let value = Int32(digits), value > 0 else {
            throw ShimError(.unknown, "failed to read init pid file: \(path) holds \"\(digits)\"", stage: "create/pid-file")
        }
        return ProcessID(value)
    }
}

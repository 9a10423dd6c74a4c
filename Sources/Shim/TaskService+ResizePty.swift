import KernelInterface
import Wire

extension TaskService {
    /// The stdio for a new process: a console for a terminal (ConsoleIO.swift), else pipes
    /// (ProcessIO.swift). A terminal has no stderr of its own: the pty carries both streams.
    static func makeIO(kernel: Kernel, terminal: Bool, stdin: String, stdout: String, stderr: String, lock: KernelLock) throws -> TaskIO {
        if terminal { return try ConsoleIO(kernel: kernel, stdin: stdin, stdout: stdout, lock: lock) }
        return try ProcessIO(kernel: kernel, stdin: stdin, stdout: stdout, stderr: stderr, lock: lock)
    }

    /// Task/ResizePty (runtime/v2/runc/v2 service.go `ResizePty`): the window size of the init's
    /// or an exec'd process's terminal, ioctl TIOCSWINSZ on the master the shim holds.
    func resizePty(_ call: RPCCall) throws -> Empty {
        let request = try call.decode(ShimResizePtyRequest.self)
        let io: TaskIO?
        if let execID = request.exec_id, !execID.isEmpty {
            let process = try execProcess(request.id, execID)
            io = lock.withLock { process.io }
        } else {
            io = try process(request.id).io
        }
        guard let io else { return Empty() }
        do {
            try io.resize(kernel: call.kernel, rows: UInt16(clamping: request.height), columns: UInt16(clamping: request.width))
        } catch let error as Errno {
            throw ShimError(.failedPrecondition, "resize pty: \(error.message)", stage: "resize")
        }
        return Empty()
    }
}

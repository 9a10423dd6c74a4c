import KernelInterface
import OCI

/// `runc init`: the container's first process, forked by `runc create` in the new namespaces
/// with the spec in hand, the sync pipe as fd 3 and an `O_PATH` handle on exec.fifo as fd 4
/// (see Sync.swift and `ContainerCreation.forkInit`).
struct InitCommand {
    let context: ProcessContext

    func run(config: InitConfig) -> Int32 {
        let kernel = context.kernel
        guard let pipeNumber = context.environmentValue(SyncPipe.initPipeEnvironment).flatMap(Int32.init) else {
            context.printError("runc init: \(SyncPipe.initPipeEnvironment) is not set: runc init is started by runc create")
            return 1
        }
        let pipe = SyncPipe(kernel: kernel, fd: FileDescriptor(pipeNumber))
        let program: (path: String, arguments: [String], environment: [String])
        do {
            let standardInit = StandardInit(kernel: kernel, config: config, consoleSocket: StandardInit.consoleSocket(in: context.environment))
            let prepared = try standardInit.setUp()
            program = (prepared.path, standardInit.process.args ?? [], prepared.environment)
            try pipe.send(SyncMessage.ready)
            guard try pipe.receive(SyncMessage.self) == .run else { return 1 }
            pipe.close()
            try waitForStart(fifo: FileDescriptor(config.fifoFD))
        } catch {
            let failure = error as? RuncError ?? RuncError(.system, "\(error)", stage: "runc create/init")
            if (try? pipe.send(SyncMessage(type: .procError, stage: failure.stage, message: failure.message))) == nil {
                context.printError("runc init: \(failure.stage): \(failure.message)")
            }
            return 1
        }
        do {
            try kernel.execve(program.path, program.arguments, program.environment)
        } catch {
            // The parent is gone by now; what is left is the container's own stderr.
            context.printError("runc init: exec \(program.path): \(error)")
            return 127
        }
    }

    /// standard_init_linux.go: re-open the `O_PATH` handle through /proc/self/fd — the path
    /// of exec.fifo itself is not reachable after pivot_root — for writing. The open blocks
    /// until `runc start` opens the FIFO for reading; the byte written tells it the init is
    /// there. The descriptor is close-on-exec: its closing at execve is `runc start`'s EOF.
    private func waitForStart(fifo handle: FileDescriptor) throws {
        let kernel = context.kernel
        try runStage("start", "openExecFifo()", operation: "open exec fifo /proc/self/fd/\(handle)") {
            let fd = try kernel.open("/proc/self/fd/\(handle.rawValue)", [.writeOnly, .closeOnExec], mode: 0)
            try kernel.close(handle)
            try kernel.writeAll(fd, "0")
        }
    }
}

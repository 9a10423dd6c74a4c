import KernelInterface
import Trace

/// Starting `runc init`, as libcontainer's parent process does for both of its kinds (the
/// standard init of `create`, forked; the setns init of `exec`, executed): the sync socket as fd 3, the kind's
/// other descriptors after it, and, with a terminal, the connection to the console socket
/// last; the trace context and the `_LIBCONTAINER_*` variables in the environment.
struct InitProcess {
    let runtime: Runtime
    /// `standard` or `setns`.
    let initType: String
    /// Descriptors after the sync socket (fd 4, 5 …), each with the variable that names it.
    var descriptors: [(FileDescriptor, String)] = []
    var namespaces: Namespaces = []
    var newSession = false
    var workingDirectory: String
    /// The cgroup v2 directory the init is cloned into (`CLONE_INTO_CGROUP`), when there is one.
    var cgroup: FileDescriptor? = nil

    var kernel: Kernel { runtime.kernel }

    /// The connection to `--console-socket`, when there is one; `parentEnd` is closed when it
    /// fails. Made after every other descriptor, so its number is above theirs and the spawn's
    /// file actions never overwrite a descriptor they have yet to copy.
    static func connectConsole(_ socket: String?, kernel: Kernel, command: String, closingOnFailure parentEnd: FileDescriptor) throws -> FileDescriptor? {
        do {
            return try socket.map { try ConsoleEnvironment.connect(kernel: kernel, path: $0, command: command) }
        } catch {
            try? kernel.close(parentEnd)
            throw error
        }
    }

    /// Execs the init (`glassbox-runc init`) with `syncEnd` as its fd 3, the descriptors after
    /// it and `console` last: the setns init of `runc exec`, which reads its config from the
    /// sync socket.
    func spawn(syncEnd: FileDescriptor, console: FileDescriptor?) throws -> ProcessID {
        try kernel.spawn(request(syncEnd: syncEnd, console: console))
    }

    /// Forks the standard init of `runc create`, with the same descriptors and environment as
    /// `spawn` gives it, running `InitCommand` on `config` in this image (see
    /// `ContainerCreation.forkInit`). It names itself `runc:[2:INIT]`, as runc's nsexec names
    /// the stage that becomes the container's process.
    func fork(syncEnd: FileDescriptor, console: FileDescriptor?, config: InitConfig) throws -> ProcessID {
        let program = Program(name: "runc init", participant: "runc") { context in
            try? context.kernel.ignoreSignal(.SIGPIPE, true)
            try? context.kernel.setProcessName("runc:[2:INIT]")
            return InitCommand(context: context).run(config: config)
        }
        // The child keeps this image: its name is this process's own executable, not looked up.
        return try kernel.fork(request(syncEnd: syncEnd, console: console, executable: "/proc/self/exe"), running: program)
    }

    private func request(syncEnd: FileDescriptor, console: FileDescriptor?, executable: String? = nil) -> SpawnRequest {
        var environment = runtime.context.environment.filter { $0.hasPrefix(ProcessContext.traceEnvironmentName + "=") }
        if let tracer = kernel.tracer {
            environment += HopContext(hop: tracer.current, parentSpanID: nil).environment
        }
        environment.append("\(SyncPipe.initPipeEnvironment)=3")
        var fileActions: [SpawnFileAction] = [.duplicate(syncEnd, to: FileDescriptor(3))]
        var next: Int32 = 4
        for (fd, variable) in descriptors {
            environment.append("\(variable)=\(next)")
            fileActions.append(.duplicate(fd, to: FileDescriptor(next)))
            next += 1
        }
        environment.append("_LIBCONTAINER_INITTYPE=\(initType)")
        if let console {
            environment.append("\(ConsoleEnvironment.name)=\(next)")
            fileActions.append(.duplicate(console, to: FileDescriptor(next)))
        }
        return SpawnRequest(
            path: executable ?? runtime.initExecutable, arguments: ["glassbox-runc", "init"], environment: environment,
            fileActions: fileActions, namespaces: namespaces, newSession: newSession, workingDirectory: workingDirectory,
            cgroup: cgroup
        )
    }
}

// containerd: container metadata and tasks, one shim per task, as containerd 1.6's
// services/containers and services/tasks with the runtime v2 task manager behind them.
//
//   dockerd                          containerd                              shim
//     │── Containers/Create ────────▶│ <root>/io.containerd.metadata.v1/…/ID.json
//     │── Tasks/Create ─────────────▶│ bundle <state>/io.containerd.runtime.v2.task/moby/ID/
//     │                              │── exec glassbox-shim … start ─────────▶│ (prints its address,
//     │                              │◀── stdout: unix:///…/s/ID, exit 0 ─────│  daemonizes)
//     │                              │── Task/Create {bundle, stdio} ────────▶│── runc create
//     │◀── {pid} ────────────────────│◀── {pid} ─────────────────────────────│
//     │── Tasks/Start ──────────────▶│── Task/Start ────────────────────────▶│── runc start
//     │── Tasks/Wait ───────────────▶│── Task/Wait (a connection of its own) ▶│ … init exits
//     │◀── {exit_status, exited_at} ─│◀──────────────────────────────────────│
//     │── Tasks/Delete ─────────────▶│── Task/Delete ───────────────────────▶│── runc delete
//     │                              │── Task/Shutdown ─────────────────────▶│ (exits)
//     │◀── {exit_status} ────────────│ removes the bundle
import KernelInterface
import Wire

public enum ContainerdProgram {
    public static let program = Program(name: "glassbox-containerd", participant: "containerd") { context in
        main(context)
    }

    static func main(_ context: ProcessContext) -> Int32 {
        let options: ContainerdOptions
        do {
            var parsed = try ContainerdOptions(arguments: Array(context.arguments.dropFirst()))
            parsed.shimExecutable = context.installedOrSibling(parsed.shimExecutable)
            options = parsed
        } catch {
            context.printError("glassbox-containerd: \(error)")
            return 2
        }
        for note in options.notes { context.printError("glassbox-containerd: \(note)") }
        let kernel = context.kernel
        do {
            try kernel.ignoreSignal(.SIGPIPE, true)
            try kernel.mkdirAll(options.root, mode: 0o711)
            try kernel.mkdirAll(options.state, mode: 0o711)
            let listener = try listen(kernel, at: options.socketPath)
            let daemon = Containerd(options: options, environment: context.environment, lock: kernel.makeLock())
            daemon.loadExistingTasks(kernel: kernel)
            RPCServer(peer: "dockerd") { call in try daemon.handle(call) }.serve(kernel: kernel, listener: listener)
            return 0
        } catch {
            context.printError("glassbox-containerd: \(error)")
            return 1
        }
    }

    /// The gRPC socket, as containerd's sys.GetLocalListener makes it: the parent directory is
    /// created and a socket file left by an earlier run is removed.
    static func listen(_ kernel: Kernel, at path: String) throws -> FileDescriptor {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try kernel.mkdirAll(String(path[..<slash]), mode: 0o711)
        }
        do { try kernel.unlink(path) } catch Errno.ENOENT {}
        let listener = try kernel.socket(.unix, .stream, closeOnExec: true)
        try kernel.bind(listener, .unix(path))
        try kernel.listen(listener, backlog: 128)
        return listener
    }
}

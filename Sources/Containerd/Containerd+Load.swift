import KernelInterface
import Trace
import Wire

/// containerd starting where an earlier one left tasks, as the runtime v2 task manager's
/// `loadExistingTasks` does (runtime/v2/manager.go) before the services answer: each bundle
/// under `<state>/io.containerd.runtime.v2.task/moby/` belongs to a shim that daemonized and so
/// outlived the containerd that started it (a containerd killed with its dockerd leaves its
/// shims and their containers running). The bundle's `address` file says where that shim
/// listens; a shim that answers `Task/State` is this containerd's task again.
///
///     containerd: readdir <state>/io.containerd.runtime.v2.task/moby
///       each <id>/: its container record, read <id>/address, connect, Task/State
///         answers:  the task is known again (Tasks/Get, Kill, Wait, Delete reach the shim)
///         silent:   the shim is dead ("cleaning up after shim disconnected"): the bundle goes
///         no record, or an empty bundle: the bundle goes
///
/// containerd also runs the dead shim's binary with `delete` (`runc delete --force`) for what
/// the shim left; glassbox-shim has no such command, so a dead shim's runc state and cgroup
/// stay (dockerd still marks the container Exited and unmounts its rootfs).
extension Containerd {
    func loadExistingTasks(kernel: Kernel) {
        let launcher = ShimLauncher(options: options, environment: environment)
        let directory = launcher.namespaceDirectory
        guard let entries = try? kernel.readdir(directory) else { return }
        for entry in entries.sorted(by: { $0.name < $1.name })
        where entry.kind == .directory && entry.name != "." && entry.name != ".." && !entry.name.hasPrefix(".") {
            let bundle = joinPath(directory, entry.name)
            do {
                tasks.insert(try loadTask(entry.name, bundle: bundle, kernel: kernel))
                kernel.tracer?.lifecycle("task.load", subject: "containerd", attrs: [("id", .string(entry.name))])
            } catch {
                report("cleaning up after shim of \(entry.name): \(error)", kernel: kernel)
                try? kernel.removeAll(bundle)
            }
        }
    }

    /// One bundle's shim, connected and answering.
    private func loadTask(_ id: String, bundle: String, kernel: Kernel) throws -> ShimTask {
        guard let files = try? kernel.readdir(bundle), files.contains(where: { $0.name != "." && $0.name != ".." }) else {
            throw ContainerdError(.notFound, "empty bundle")
        }
        _ = try metadata.get(kernel: kernel, id)
        let text = try kernel.readTextFile(joinPath(bundle, "address")).filter { !$0.isWhitespace }
        guard let address = SocketAddress(parsing: text), case .unix = address else {
            throw ContainerdError(.invalidArgument, "invalid shim address \"\(text)\"")
        }
        let connection = try dial(kernel: kernel, address)
        let task = ShimTask(id: id, bundle: bundle, address: address, connection: connection, lock: kernel.makeLock())
        do {
            _ = try task.call(kernel: kernel, .state, ShimTaskRequest(id: id), as: ShimStateResponse.self)
        } catch {
            try? kernel.close(connection)
            throw error
        }
        return task
    }

    /// containerd's log line, on its standard error and in the trace.
    func report(_ message: String, kernel: Kernel) {
        kernel.tracer?.log(message)
        try? kernel.writeAll(.standardError, "glassbox-containerd: \(message)\n")
    }
}

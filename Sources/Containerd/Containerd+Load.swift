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
///         answers:    the task is known again (Tasks/Get, Kill, Wait, Delete reach the shim)
///         silent:     the shim is dead: `glassbox-shim … delete` in the bundle
///                     (cleanupAfterDeadShim: runc delete --force), then the bundle goes
///         no record:  the rootfs is unmounted and the bundle goes; an empty bundle goes
///       each .<id>/: a bundle being removed when it died (`removeBundle`) goes
extension Containerd {
    func loadExistingTasks(kernel: Kernel) {
        let launcher = ShimLauncher(options: options, environment: environment)
        guard let entries = try? kernel.readdir(launcher.namespaceDirectory) else { return }
        // Bundles a containerd that died was removing (`removeBundle`).
        for entry in entries where entry.kind == .directory && entry.name.hasPrefix(".") && entry.name != "." && entry.name != ".." {
            try? kernel.removeAll(joinPath(launcher.namespaceDirectory, entry.name))
        }
        for entry in entries.sorted(by: { $0.name < $1.name })
        where entry.kind == .directory && entry.name != "." && entry.name != ".." && !entry.name.hasPrefix(".") {
            let id = entry.name
            let bundle = launcher.bundlePath(id)
            let files = (try? kernel.readdir(bundle)) ?? []
            guard files.contains(where: { $0.name != "." && $0.name != ".." }) else {
                try? kernel.removeAll(bundle)
                continue
            }
            do {
                _ = try metadata.get(kernel: kernel, id)
            } catch {
                report("loading container \(id): \(error)", kernel: kernel)
                try? kernel.umount(joinPath(bundle, "rootfs"), flags: .detach)
                try? kernel.removeAll(bundle)
                continue
            }
            do {
                tasks.insert(try connectShim(id, bundle: bundle, kernel: kernel))
                kernel.tracer?.lifecycle("task.load", subject: "containerd", attrs: [("id", .string(id))])
            } catch {
                report("shim of \(id) disconnected (\(error)): cleaning up after it", kernel: kernel)
                do {
                    try launcher.deleteShim(kernel: kernel, id: id, bundle: bundle)
                } catch {
                    report("failed to clean up after shim of \(id): \(error)", kernel: kernel)
                }
                try? kernel.removeAll(bundle)
            }
        }
    }

    /// The shim of a bundle, connected and answering.
    private func connectShim(_ id: String, bundle: String, kernel: Kernel) throws -> ShimTask {
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

import KernelInterface
import Trace

/// dockerd starting on a data root that already holds containers, as moby's daemon/daemon.go
/// `restore` does before the API serves: every directory under `<data-root>/containers` whose
/// files read back (ContainerFiles+Load.swift) is a container again, under its name; one that
/// does not is logged ("failed to load container") and left as it is. A container recorded as
/// running is checked against containerd (ContainerLifecycle+Restore.swift), and one with
/// AutoRemove (`run --rm`) that is not running is removed. Restart policies are not applied:
/// no container is started again.
///
///     dockerd: readdir <data-root>/containers; read config.v2.json, hostconfig.json, lower
///     dockerd ──Tasks/Get──▶ containerd      (each container recorded as running)
///       alive: read its output FIFOs again, a monitor thread calls Tasks/Wait
///       gone:  Containers/Delete, umount its rootfs, Exited (255)
extension Daemon {
    func restore(kernel: Kernel) throws {
        if kernel.exists(trashRoot) {
            collectTrash(kernel: kernel)
        } else {
            try kernel.mkdirAll(trashRoot, mode: 0o700)
        }
        guard try makeContainersRoot(kernel: kernel) else { return }
        let files = ContainerFiles(daemon: self, kernel: kernel)
        var loaded: [Container] = []
        for entry in try kernel.readdir(containersRoot).sorted(by: { $0.name < $1.name }) where entry.name != "." && entry.name != ".." {
            do {
                loaded.append(try files.load(entry.name))
            } catch {
                DockerdProgram.report("failed to load container \(entry.name): \(error)", kernel: kernel)
            }
        }
        let registered = loaded.sorted { $0.created < $1.created }.filter { register($0, kernel: kernel) }
        let lifecycle = ContainerLifecycle(daemon: self)
        var monitored: Set<String> = []
        for container in registered {
            if container.status == .running, lifecycle.restore(container, kernel: kernel) { monitored.insert(container.id) }
            let status = lock.withLock { container.status.rawValue }
            kernel.tracer?.lifecycle("container.restore", subject: "dockerd", attrs: [("id", .string(container.id)), ("status", .string(status))])
        }
        for container in registered where container.autoRemove {
            if monitored.contains(container.id) {
                // Its monitor removes it once the stop's exit is handled, as after any exit.
                try lock.withLock { try wait(until: { container.removed || container.status == .dead || container.status == .running }) }
                continue
            }
            let stopped = lock.withLock { container.status == .created || container.status == .exited }
            guard stopped else { continue }
            do {
                try lifecycle.remove(container, kernel: kernel)
            } catch {
                DockerdProgram.report("failed to remove container \(container.id): \(error)", kernel: kernel)
            }
        }
    }

    /// Makes `<data-root>/containers` unless it is there; true when it was, and so may hold
    /// containers. A new data root costs the same syscalls as `mkdirAll` did before restore.
    func makeContainersRoot(kernel: Kernel) throws -> Bool {
        if let status = try? kernel.stat(containersRoot) {
            guard status.kind == .directory else { throw DaemonError(.system, "\(containersRoot) is not a directory") }
            return true
        }
        try kernel.mkdirAll(options.dataRoot, mode: 0o711)
        try kernel.mkdir(containersRoot, mode: 0o710)
        return false
    }

    /// Reserves the container's name and enters it in the table (moby's registerName and
    /// Register); a name already held is logged and the container left out.
    func register(_ container: Container, kernel: Kernel) -> Bool {
        let holder = lock.withLock { () -> String? in
            if let holder = names[container.name] { return holder }
            names[container.name] = container.id
            containers[container.id] = container
            return nil
        }
        if let holder {
            DockerdProgram.report("failed to register container name /\(container.name) of \(container.id): it is in use by \(holder)", kernel: kernel)
            return false
        }
        return true
    }
}

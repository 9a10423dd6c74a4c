import KernelInterface
import OCI
import Trace
import Wire

/// Starting, monitoring and removing a container through containerd.
struct ContainerLifecycle {
    let daemon: Daemon

    func rootfs(_ container: Container) -> String { daemon.layerDirectory(container.id) + "/merged" }

    /// Mounts the rootfs, then asks containerd for the container and its task, the task with the
    /// runc runtime's options (its state directory under the exec root), as moby's libcontainerd
    /// client passes them to `NewTask`. Undoes what it did when a step fails.
    func start(_ container: Container, kernel: Kernel) throws {
        let merged = rootfs(container)
        let layer = daemon.layerDirectory(container.id)
        let lowers = container.layerDirectories.reversed().joined(separator: ":")
        let client = try daemon.containerd(kernel)
        defer { client.close() }  // after the undo steps below, which use it
        try kernel.mount(source: "overlay", target: merged, fstype: "overlay", flags: [],
                         data: "lowerdir=\(lowers),upperdir=\(layer)/diff,workdir=\(layer)/work")
        var undo: [() -> Void] = [{ try? kernel.umount(merged, flags: .detach) }]
        do {
            let spec = try SpecBuilder(daemon: daemon).spec(for: container, rootfs: merged)
            let output = try OutputCopier.prepare(container, daemon: daemon, kernel: kernel)
            undo.append { output.abandon(kernel: kernel) }
            let stdin = try openStdin(container, kernel: kernel)
            undo.append {
                daemon.lock.withLock { container.stdin = nil }
                stdin?.close(kernel: kernel)
            }
            let record = ContainerRecord(id: container.id, labels: ["com.docker/engine.bundle.path": ""], image: container.imageReference,
                                         runtime: .init(name: "io.containerd.runc.v2"), spec: JSONValueCodable(try JSONCoding.value(spec)))
            _ = try client.call(ContainerdService.containers, "Create", CreateContainerRequest(container: record), as: CreateContainerResponse.self)
            undo.append { _ = try? client.call(ContainerdService.containers, "Delete", DeleteContainerRequest(id: container.id), as: Empty.self) }
            let created = try client.call(ContainerdService.tasks, "Create", CreateTaskRequest(
                container_id: container.id, stdin: stdin?.path ?? "", stdout: output.stdoutPath, stderr: output.stderrPath,
                terminal: container.config.Tty ?? false, options: RuncOptions(root: daemon.options.runcRoot)
            ), as: CreateTaskResponse.self)
            undo.append { _ = try? client.call(ContainerdService.tasks, "Delete", DeleteTaskRequest(container_id: container.id), as: DeleteTaskResponse.self) }
            _ = try client.call(ContainerdService.tasks, "Start", StartTaskRequest(container_id: container.id), as: StartTaskResponse.self)
            daemon.lock.withLock {
                container.pid = Int32(created.pid)
                container.startedAt = kernel.clockGettime(.realtime)
            }
            ContainerFiles(daemon: daemon, kernel: kernel).checkpointOrLog(container)
            daemon.record("start", container: container, kernel: kernel, trace: [("pid", .int(Int64(created.pid)))])
            try spawnMonitor(container, kernel: kernel)
        } catch {
            for step in undo.reversed() { step() }
            throw error
        }
    }

    /// The stdin FIFO of a container created with `OpenStdin` (`docker run -i`), beside its
    /// output FIFOs; nil without. An attach before the start (what `docker run -i` does) makes
    /// it, so what is typed early waits in the FIFO; the next start finds it.
    func openStdin(_ container: Container, kernel: Kernel) throws -> ContainerStdin? {
        guard container.config.OpenStdin == true else { return nil }
        return try daemon.lock.withLock { () throws -> ContainerStdin in
            if let stdin = container.stdin { return stdin }
            let directory = daemon.fifoDirectory(container.id)
            try kernel.mkdirAll(directory, mode: 0o700)
            let stdin = try ContainerStdin.open(directory + "/init-stdin", kernel: kernel)
            container.stdin = stdin
            return stdin
        }
    }

    /// Starts the thread that monitors the container's run, counted in `Daemon.monitors`.
    func spawnMonitor(_ container: Container, kernel: Kernel) throws {
        daemon.lock.withLock { daemon.monitors += 1 }
        do {
            try kernel.spawnThread(name: "monitor-\(container.shortID)") { threadKernel in
                monitor(container, kernel: threadKernel)
                daemon.lock.withLock {
                    daemon.monitors -= 1
                    daemon.lock.broadcast()
                }
            }
        } catch {
            daemon.lock.withLock { daemon.monitors -= 1 }
            throw error
        }
    }

    /// Waits for the task to exit (Tasks/Wait on a connection of its own), then deletes it,
    /// records the exit (in memory and in config.v2.json) and, with AutoRemove, removes the
    /// container. Once the exit is known, the rootfs is unmounted on a thread of its own while
    /// containerd deletes the task: moby unmounts after the delete, but nothing of the task
    /// needs the mount then, and the unmount mostly waits (for an RCU grace period, a
    /// millisecond or more).
    func monitor(_ container: Container, kernel: Kernel) {
        var status: Int32 = 255
        var exitedAt = kernel.clockGettime(.realtime)
        var unmounting: Unmount?
        if let client = try? daemon.containerd(kernel) {
            if let answer = try? client.call(ContainerdService.tasks, "Wait", WaitTaskRequest(container_id: container.id), as: WaitTaskResponse.self) {
                status = Int32(bitPattern: answer.exit_status)
                exitedAt = kernel.clockGettime(.realtime)
                unmounting = Unmount.start(rootfs(container), daemon: daemon, kernel: kernel)
            }
            _ = try? client.call(ContainerdService.tasks, "Delete", DeleteTaskRequest(container_id: container.id), as: DeleteTaskResponse.self)
            _ = try? client.call(ContainerdService.containers, "Delete", DeleteContainerRequest(id: container.id), as: Empty.self)
            client.close()
        }
        let stdin = daemon.lock.withLock { () -> ContainerStdin? in
            defer { container.stdin = nil }
            return container.stdin
        }
        stdin?.close(kernel: kernel)
        do {
            try daemon.lock.withLock { try daemon.wait(until: { container.outputEpoch >= container.exitCount + 1 }) }
        } catch {
            return  // dockerd is dying
        }
        if let unmounting {
            guard unmounting.finish() else { return }  // dockerd is dying
        } else {
            try? kernel.umount(rootfs(container), flags: .detach)
        }
        daemon.record("die", container: container, kernel: kernel, extra: ["exitCode": String(status)], trace: [("exitCode", .int(Int64(status)))])
        daemon.lock.withLock {
            container.move(to: .exited)
            container.exitCode = status
            container.finishedAt = exitedAt
            container.pid = 0
            container.exitCount += 1
            daemon.lock.broadcast()
        }
        ContainerFiles(daemon: daemon, kernel: kernel).checkpointOrLog(container)
        if container.autoRemove { try? remove(container, kernel: kernel) }
    }

    /// Removes a stopped container: its files, its layer, its name. Wakes `wait?condition=removed`.
    func remove(_ container: Container, kernel: Kernel) throws {
        daemon.lock.withLock { container.move(to: .removing) }
        do {
            try ContainerFiles(daemon: daemon, kernel: kernel).remove(container)
        } catch {
            daemon.lock.withLock {
                container.move(to: .dead)
                daemon.lock.broadcast()
            }
            throw DaemonError(.system, "unable to remove filesystem for \(container.id): \(error)")
        }
        daemon.record("destroy", container: container, kernel: kernel)
        daemon.lock.withLock {
            container.move(to: .dead)
            container.removed = true
            daemon.containers[container.id] = nil
            // moby's cleanupContainer unregisters the container's execs with it.
            daemon.execs = daemon.execs.filter { $0.value.containerID != container.id }
            if daemon.names[container.name] == container.id { daemon.names[container.name] = nil }
            daemon.lock.broadcast()
        }
    }
}

/// An unmount of a container's rootfs (`MNT_DETACH`) on a thread of its own, which the monitor
/// waits for before it records the exit.
private final class Unmount: @unchecked Sendable {
    private let daemon: Daemon
    private var done = false

    private init(daemon: Daemon) { self.daemon = daemon }

    /// Starts the unmount; nil when no thread could be made (the caller unmounts itself).
    static func start(_ target: String, daemon: Daemon, kernel: Kernel) -> Unmount? {
        let unmount = Unmount(daemon: daemon)
        do {
            try kernel.spawnThread(name: "umount") { threadKernel in
                try? threadKernel.umount(target, flags: .detach)
                daemon.lock.withLock {
                    unmount.done = true
                    daemon.lock.broadcast()
                }
            }
        } catch {
            return nil
        }
        return unmount
    }

    /// Waits for the unmount; false when dockerd is dying.
    func finish() -> Bool {
        do {
            try daemon.lock.withLock { try daemon.wait(until: { done }) }
            return true
        } catch {
            return false
        }
    }
}

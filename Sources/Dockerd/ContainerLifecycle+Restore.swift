import KernelInterface
import OCI
import Wire

/// A container the last dockerd recorded as running, checked against containerd when dockerd
/// starts again, as moby's restore does through libcontainerd's `Restore`:
///
///     dockerd ──Tasks/Get──▶ containerd ──Task/State──▶ shim
///       running (or created, paused): alive — its output FIFOs are read again, a monitor
///                  thread waits for its exit (Tasks/Wait), as after a start, and the
///                  container is stopped, as `docker stop` would (moby without
///                  `--live-restore`: "shutting down container considered alive by containerd")
///       stopped:   Tasks/Delete gives its exit status
///       not found: the task died with the last containerd; exit status 255
///     then, when not alive: Containers/Delete, umount its rootfs, Exited in config.v2.json
///
/// A task can only outlive dockerd here when `--containerd` names a containerd that outlived
/// it: the containerd dockerd starts dies with it.
extension ContainerLifecycle {
    /// True when the task was alive and taken back: its monitor thread then owns the exit, an
    /// AutoRemove included.
    @discardableResult
    func restore(_ container: Container, kernel: Kernel) -> Bool {
        let client: RPCClient
        let task: TaskProcess?
        do {
            client = try daemon.containerd(kernel)
        } catch {
            DockerdProgram.report("failed to restore container \(container.id) with containerd: \(error)", kernel: kernel)
            return false
        }
        defer { client.close() }
        do {
            task = try client.call(ContainerdService.tasks, "Get", GetTaskRequest(container_id: container.id), as: GetTaskResponse.self).process
        } catch let error as RPCError where error.code == .notFound {
            task = nil
        } catch {
            // moby leaves the container as recorded when containerd cannot say.
            DockerdProgram.report("failed to restore container \(container.id) with containerd: \(error)", kernel: kernel)
            return false
        }
        if let task, task.status != "stopped" {
            do {
                try reattach(container, pid: task.pid, kernel: kernel)
            } catch {
                DockerdProgram.report("failed to reattach to container \(container.id): \(error)", kernel: kernel)
                return false
            }
            daemon.shutdownContainer(container, kernel: kernel)
            return true
        }
        markStopped(container, task: task, client: client, kernel: kernel)
        return false
    }

    /// Reads the task's output again and monitors it, as `start` does after Tasks/Start.
    func reattach(_ container: Container, pid: UInt32, kernel: Kernel) throws {
        daemon.lock.withLock { container.pid = Int32(truncatingIfNeeded: pid) }
        try OutputCopier.reattach(container, daemon: daemon, kernel: kernel)
        try spawnMonitor(container, kernel: kernel)
    }

    /// A container whose task is gone or stopped: what the task left is cleaned up (moby's
    /// daemon.Cleanup) and the container is Exited with the task's exit status, or with 255
    /// when containerd has no task (moby's restore: `ces.ExitCode = 255`; 20.10 left the zero
    /// value), finished now unless the task says when.
    func markStopped(_ container: Container, task: TaskProcess?, client: RPCClient, kernel: Kernel) {
        var exitCode: Int32 = 255
        var exitedAt = kernel.clockGettime(.realtime)
        if task != nil,
           let deleted = try? client.call(ContainerdService.tasks, "Delete", DeleteTaskRequest(container_id: container.id), as: DeleteTaskResponse.self) {
            exitCode = Int32(bitPattern: deleted.exit_status)
            if let at = RFC3339.parse(deleted.exited_at), at > 0 { exitedAt = at }
        }
        _ = try? client.call(ContainerdService.containers, "Delete", DeleteContainerRequest(id: container.id), as: Empty.self)
        try? kernel.umount(rootfs(container), flags: .detach)
        daemon.lock.withLock {
            container.move(to: .exited)
            container.exitCode = exitCode
            container.finishedAt = exitedAt
            container.pid = 0
        }
        ContainerFiles(daemon: daemon, kernel: kernel).checkpointOrLog(container)
    }
}

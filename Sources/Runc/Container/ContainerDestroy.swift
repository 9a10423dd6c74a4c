import KernelInterface
import OCI

/// `runc delete`'s work (delete.go and libcontainer's `destroy`): decide by the lifecycle
/// whether the container may go and whether its process must be killed first, then remove
/// its cgroup and its state directory. Its mounts lived in its own mount namespace, which
/// ended with its last process.
enum ContainerDestroy {
    static func delete(_ runtime: Runtime, id: String, force: Bool) throws -> ContainerRecord? {
        let kernel = runtime.kernel
        let paths = runtime.paths(id)
        let record: ContainerRecord
        do {
            record = try ContainerRecord.load(kernel: kernel, paths: paths, stage: "runc delete")
        } catch let error as RuncError where error.code == .notFound {
            // An aborted create can leave a directory without state.json: runc removes it, and
            // with --force a missing container is not an error.
            try? kernel.removeAll(paths.directory)
            if force { return nil }
            throw error
        }
        let status = record.currentStatus(kernel: kernel, paths: paths)
        guard case let .destroyed(killFirst) = try status.after(.delete(force: force), id: id) else {
            preconditionFailure("delete always ends a container or is refused")
        }
        if killFirst { try killAndWait(kernel: kernel, record: record) }
        try removeCgroup(kernel: kernel, record: record)
        try runStage("delete", "removeStateDirectory()", operation: "remove \(paths.directory)") {
            try kernel.removeAll(paths.directory)
        }
        return record
    }

    /// delete.go `killContainer`: SIGKILL, then wait for the process to be gone (or a zombie
    /// its parent, the shim, has not reaped yet), polling as runc does.
    private static func killAndWait(kernel: Kernel, record: ContainerRecord) throws {
        do {
            try kernel.kill(ProcessID(Int32(record.pid)), .SIGKILL)
        } catch Errno.ESRCH {
            return
        } catch let errno as Errno {
            throw RuncError.syscall(errno, "kill \(record.pid)", stage: "runc delete/kill")
        }
        for _ in 0..<100 {
            guard let stat = ProcessStat.read(kernel: kernel, pid: record.pid), stat.isRunning else { return }
            try? kernel.nanosleep(10_000_000)
        }
        throw RuncError(.system, "container init still running", stage: "runc delete/kill")
    }

    private static func removeCgroup(kernel: Kernel, record: ContainerRecord) throws {
        try runStage("delete", "removeCgroup()", operation: "remove cgroup \(record.cgroupPath)") {
            try Cgroups.manager(kernel: kernel, record: record).destroy()
        }
    }
}

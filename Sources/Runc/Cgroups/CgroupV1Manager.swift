import KernelInterface
import OCI

/// The cgroup v1 hierarchies, as runc's libcontainer/cgroups/fs drives them: the container's
/// cgroup is one directory per mounted hierarchy (`/sys/fs/cgroup/memory/docker/<id>`,
/// `/sys/fs/cgroup/pids/docker/<id>`, …); joining it is writing the pid to each one's
/// cgroup.procs (or, for a new init, 0 to each `tasks`: see `CgroupManager`), and the limits
/// go to each controller's own files (CgroupV1Manager+Set.swift).
struct CgroupV1Manager: CgroupManager {
    let kernel: Kernel
    let path: String
    let hierarchies: [CgroupV1Hierarchy]

    var directory: String { hierarchies.map { $0.directory(of: path) }.joined(separator: ", ") }

    /// The hybrid layout's cgroup2 directory, when it is mounted.
    var birthDirectory: String? {
        hierarchies.first(where: \.isUnified).map { $0.directory(of: path) }
    }

    var threadJoinFiles: [String] {
        hierarchies.filter { !$0.isUnified }.map { joinPath($0.directory(of: path), "tasks") }
    }

    var paths: [String: String] {
        var paths: [String: String] = [:]
        for hierarchy in hierarchies {
            for subsystem in hierarchy.isUnified ? [""] : hierarchy.subsystems { paths[subsystem] = hierarchy.directory(of: path) }
        }
        return paths
    }

    /// The hybrid layout's cgroup2 is not shown, as in runc.
    var initBinds: [CgroupBind] {
        hierarchies.filter { !$0.isUnified }.map {
            CgroupBind(name: String($0.mountPoint.split(separator: "/").last ?? ""), source: $0.directory(of: path))
        }
    }

    /// fs.go `Apply` without the move: in runc's subsystem order, mkdir -p the cgroup; the
    /// cpuset hierarchy first gets cpus and mems copied down the path (cpuset.go `ApplyDir`),
    /// since an empty cpuset cannot take a task.
    func create() throws {
        guard !hierarchies.isEmpty else {
            throw RuncError(.system, "no cgroup v1 hierarchy is mounted under \(Cgroups.mountPoint)", stage: "runc/cgroups")
        }
        for hierarchy in hierarchies {
            if hierarchy.has("cpuset") {
                try makeCpusetPath(hierarchy)
            } else {
                let directory = hierarchy.directory(of: path)
                try syscall("mkdir \(directory)") { try kernel.mkdirAll(directory) }
            }
        }
    }

    /// fs.go `Apply`: the cgroup made, then the pid written to each hierarchy's cgroup.procs.
    func apply(pid: ProcessID) throws {
        try create()
        for hierarchy in hierarchies {
            try write(hierarchy.directory(of: path), "cgroup.procs", String(pid.rawValue))
        }
    }

    /// cpuset.go `ensureParent` and `copyIfNeeded`: every directory on the way down gets its
    /// parent's cpuset.cpus and cpuset.mems when its own are empty.
    private func makeCpusetPath(_ hierarchy: CgroupV1Hierarchy) throws {
        var parent = hierarchy.mountPoint
        for component in path.split(separator: "/") {
            let current = joinPath(parent, String(component))
            try syscall("mkdir \(current)") {
                do { try kernel.mkdir(current, mode: 0o755) } catch Errno.EEXIST {}
            }
            for file in ["cpuset.cpus", "cpuset.mems"] {
                let own = try read(current, file)
                if own.isEmpty { try write(current, file, try read(parent, file)) }
            }
            parent = current
        }
    }

    /// The pids in the devices hierarchy's cgroup.procs, as runc's `GetPids` reads them.
    func processes() throws -> [ProcessID] {
        guard let hierarchy = hierarchies.first(where: { $0.has("devices") }) ?? hierarchies.first else { return [] }
        return try read(hierarchy.directory(of: path), "cgroup.procs")
            .split(separator: "\n").compactMap { Int32($0).map { ProcessID($0) } }
    }

    /// utils.go `RemovePaths`: every hierarchy's directory, with any child cgroups under it
    /// first; one already gone is fine, one still busy while its last task leaves is retried.
    func destroy() throws {
        for hierarchy in hierarchies {
            try removeCgroup(hierarchy.directory(of: path))
        }
    }

    /// utils.go `RemovePath`: rmdir first (a container's cgroup has no child groups, and a
    /// v1 cgroup directory's files need no removing), the listing only when that fails.
    private func removeCgroup(_ directory: String) throws {
        do {
            try kernel.rmdir(directory)
            return
        } catch Errno.ENOENT {
            return
        } catch {
            // Busy (a task still leaving) or not empty (child groups): the long way.
        }
        let entries: [DirectoryEntry]
        do {
            entries = try kernel.readdir(directory)
        } catch Errno.ENOENT {
            return
        } catch let errno as Errno {
            throw RuncError.syscall(errno, "open \(directory)", stage: "runc/cgroups")
        }
        for entry in entries where entry.kind == .directory && entry.name != "." && entry.name != ".." {
            try removeCgroup(joinPath(directory, entry.name))
        }
        var attempt = 0
        while true {
            do {
                try kernel.rmdir(directory)
                return
            } catch Errno.ENOENT {
                return
            } catch Errno.EBUSY where attempt < 10 {
                attempt += 1
                try? kernel.nanosleep(10_000_000)
            } catch let errno as Errno {
                throw RuncError.syscall(errno, "rmdir \(directory)", stage: "runc/cgroups")
            }
        }
    }

    func write(_ directory: String, _ file: String, _ value: String) throws {
        let path = joinPath(directory, file)
        try syscall("write \(path) (\(value))") {
            let fd = try kernel.open(path, [.writeOnly, .truncate, .closeOnExec], mode: 0)
            defer { try? kernel.close(fd) }
            try kernel.writeAll(fd, value)
        }
    }

    func read(_ directory: String, _ file: String) throws -> String {
        let path = joinPath(directory, file)
        return try syscall("read \(path)") {
            var text = try kernel.readTextFile(path)
            while text.last == "\n" { text.removeLast() }
            return text
        }
    }

    private func syscall<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let errno as Errno {
            throw RuncError.syscall(errno, operation, stage: "runc/cgroups")
        }
    }
}

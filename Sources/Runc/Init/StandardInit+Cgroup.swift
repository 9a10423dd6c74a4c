import KernelInterface
import OCI

extension StandardInit {
    /// The init's own half of entering its cgroup (see `CgroupManager`): `runc create` cloned it
    /// into the cgroup v2 group; here it writes 0 to each cgroup v1 hierarchy's `tasks`, moving
    /// its one thread. A process with more threads would leave them behind, so this runs only
    /// in the init, which starts none.
    func joinCgroup() throws {
        for file in config.cgroupTasks ?? [] {
            try stage(operation: "unable to apply cgroup configuration: write \(file) (0)") {
                let fd = try kernel.open(file, [.writeOnly, .closeOnExec], mode: 0)
                defer { try? kernel.close(fd) }
                try kernel.writeAll(fd, "0")
            }
        }
    }

    /// nsexec.c: a new cgroup namespace is unshared only once the process is in its cgroup, so
    /// that the namespace is rooted there and the container sees its cgroup as `/`.
    func unshareCgroupNamespace() throws {
        let wanted = spec.linux?.namespaces?.contains { $0.type == .cgroup && $0.path == nil } ?? false
        guard wanted else { return }
        try stage(operation: "unshare cgroup namespace") { try kernel.unshare(.cgroup) }
    }

    /// rootfs_linux.go's `case "cgroup"`: on the unified hierarchy a cgroup2 mount; on cgroup
    /// v1, `mountCgroupV1`'s tmpfs holding one read-only bind per hierarchy of the container's
    /// own cgroup, so the container sees its limits and nothing of its neighbours'.
    func mountCgroup(_ mount: Spec.Mount, options: MountOptions) throws {
        try stage(operation: "mount cgroup at \(mount.destination)") { try mountCgroupFileSystem(mount, options: options) }
    }

    private func mountCgroupFileSystem(_ mount: Spec.Mount, options: MountOptions) throws {
        switch try Cgroups.hierarchy(kernel: kernel) {
        case .unified:
            let target = try pathInRootfs(mount.destination)
            try kernel.mkdirAll(target)
            try kernel.mount(source: "cgroup", target: target, fstype: "cgroup2", flags: options.flags, data: options.dataString)
        case .legacy:
            try mountCgroupV1(mount, options: options)
        }
    }

    /// rootfs_linux.go `mountCgroupV1`: a tmpfs (mode 755, noexec, nosuid, nodev) at the
    /// destination; in it, for each hierarchy, the directory of the cgroup this process was put
    /// in, bound at the hierarchy's name (`/sys/fs/cgroup/memory` shows
    /// `/sys/fs/cgroup/memory/docker/<id>` of the host) with the mount's own options (`ro`);
    /// and `cpu` and `cpuacct` links to a shared `cpu,cpuacct`. The tmpfs stays writable, as
    /// runc 1.1 leaves it. The hybrid layout's cgroup2 (`unified`) is not shown, as in runc.
    /// runc reads the mount table and /proc/self/cgroup here; `runc create` has both at hand
    /// and sends the binds with the config, which saves the init two reads of procfs.
    private func mountCgroupV1(_ mount: Spec.Mount, options: MountOptions) throws {
        let binds = try config.cgroupBinds ?? ownCgroupBinds()
        let propagation = (mount.options ?? []).filter { MountOptions.propagationWords[$0] != nil }
        try mountToRootfs(Spec.Mount(destination: mount.destination, type: "tmpfs", source: "tmpfs",
                                     options: ["noexec", "nosuid", "nodev", "mode=755"] + propagation))
        for bind in binds {
            try mountToRootfs(Spec.Mount(destination: joinPath(mount.destination, bind.name), type: "bind",
                                         source: bind.source, options: ["rbind"] + (mount.options ?? [])))
            guard bind.name.contains(",") else { continue }
            for subsystem in bind.name.split(separator: ",") {
                do {
                    try kernel.symlink(bind.name, try pathInRootfs(joinPath(mount.destination, String(subsystem))))
                } catch Errno.EEXIST {}
            }
        }
    }

    /// The binds found as runc finds them: every v1 hierarchy of the mount table, with this
    /// process's cgroup in it from /proc/self/cgroup.
    private func ownCgroupBinds() throws -> [CgroupBind] {
        let own = try ownCgroupPaths()
        return CgroupV1Hierarchy.hierarchies(in: try MountInfo.read(kernel: kernel)).compactMap { hierarchy in
            guard !hierarchy.isUnified, let first = hierarchy.subsystems.first, let path = own[first] else { return nil }
            let relative = hierarchy.root == "/" || !MountInfo.isWithin(path, hierarchy.root)
                ? path : String(path.dropFirst(hierarchy.root.count))
            return CgroupBind(name: String(hierarchy.mountPoint.split(separator: "/").last ?? ""),
                              source: joinPath(hierarchy.mountPoint, relative))
        }
    }

    /// /proc/self/cgroup (`4:memory:/docker/<id>`, `1:name=systemd:/docker/<id>`): each v1
    /// controller's cgroup of this process, which `runc create` has just moved it into.
    private func ownCgroupPaths() throws -> [String: String] {
        var paths: [String: String] = [:]
        for line in try kernel.readTextFile("/proc/self/cgroup").split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            for controller in fields[1].split(separator: ",") { paths[String(controller)] = String(fields[2]) }
        }
        return paths
    }
}

import KernelInterface

/// One mounted cgroup v1 hierarchy (`/sys/fs/cgroup/memory`, or `/sys/fs/cgroup/cpu,cpuacct`
/// when two controllers share one), found in /proc/self/mountinfo as runc's
/// `cgroups.GetCgroupMounts` finds them: file system type `cgroup`, the controllers in the
/// super options.
struct CgroupV1Hierarchy: Equatable, Sendable {
    /// Where it is mounted (`/sys/fs/cgroup/cpu,cpuacct`).
    var mountPoint: String
    /// The cgroup the mount shows as its top (`/` on a host).
    var root: String
    /// The controllers it carries, with `name=systemd` for a named one; none for the cgroup2
    /// of the hybrid layout.
    var subsystems: [String]

    /// The hybrid layout's cgroup v2 hierarchy (/sys/fs/cgroup/unified), which runc 1.1 puts
    /// the container in beside the v1 ones (its `paths[""]`), so /proc/self/cgroup's `0::`
    /// line names the container too. It carries no controller here.
    var isUnified: Bool { subsystems.isEmpty }

    /// runc's v1 subsystems (libcontainer/cgroups/fs `subsystems`), in the order it applies
    /// them: cpuset first, because a cpuset cgroup takes no task before it has cpus and mems.
    static let knownSubsystems = [
        "cpuset", "devices", "memory", "cpu", "cpuacct", "pids", "blkio", "hugetlb", "net_cls", "net_prio",
        "perf_event", "freezer", "rdma", "name=systemd",
    ]

    /// The directory of cgroup `path` in this hierarchy (runc's `subsysPath` for an absolute
    /// cgroupsPath).
    func directory(of path: String) -> String { joinPath(mountPoint, path) }

    func has(_ subsystem: String) -> Bool { subsystems.contains(subsystem) }

    /// The hierarchies runc knows that are mounted under /sys/fs/cgroup, one per mount, in
    /// runc's subsystem order.
    static func mounted(kernel: Kernel) throws -> [CgroupV1Hierarchy] {
        let table: [MountInfo]
        do {
            table = try MountInfo.read(kernel: kernel)
        } catch let errno as Errno {
            throw RuncError.syscall(errno, "open /proc/self/mountinfo", stage: "runc/cgroups")
        }
        return hierarchies(in: table)
    }

    /// The hierarchies a record's `cgroup_paths` name (`"cpu"` and `"cpuacct"` sharing one
    /// directory are one hierarchy), in runc's subsystem order, the unified one last. Only what
    /// removing, listing and joining the cgroup need: the mount root is not kept.
    static func hierarchies(from paths: [String: String], cgroupPath: String) -> [CgroupV1Hierarchy] {
        var found: [CgroupV1Hierarchy] = []
        var unified: CgroupV1Hierarchy?
        for (subsystem, directory) in paths.sorted(by: { rank($0.key) < rank($1.key) }) {
            let mountPoint = directory.hasSuffix(cgroupPath) && cgroupPath != "/" ? String(directory.dropLast(cgroupPath.count)) : directory
            if subsystem.isEmpty {
                unified = CgroupV1Hierarchy(mountPoint: mountPoint, root: "/", subsystems: [])
            } else if let index = found.firstIndex(where: { $0.mountPoint == mountPoint }) {
                found[index].subsystems.append(subsystem)
            } else {
                found.append(CgroupV1Hierarchy(mountPoint: mountPoint, root: "/", subsystems: [subsystem]))
            }
        }
        return found + (unified.map { [$0] } ?? [])
    }

    private static func rank(_ subsystem: String) -> Int {
        knownSubsystems.firstIndex(of: subsystem) ?? knownSubsystems.count
    }

    static func hierarchies(in table: [MountInfo]) -> [CgroupV1Hierarchy] {
        var found: [CgroupV1Hierarchy] = []
        var unified: CgroupV1Hierarchy?
        for entry in table where MountInfo.isWithin(entry.mountPoint, Cgroups.mountPoint) {
            if entry.fileSystemType == "cgroup2", unified == nil {
                unified = CgroupV1Hierarchy(mountPoint: entry.mountPoint, root: entry.root, subsystems: [])
            }
            guard entry.fileSystemType == "cgroup" else { continue }
            let subsystems = entry.superOptions.filter(knownSubsystems.contains)
            guard !subsystems.isEmpty, !found.contains(where: { $0.subsystems == subsystems }) else { continue }
            found.append(CgroupV1Hierarchy(mountPoint: entry.mountPoint, root: entry.root, subsystems: subsystems))
        }
        func rank(_ hierarchy: CgroupV1Hierarchy) -> Int {
            hierarchy.subsystems.map(Self.rank).min() ?? knownSubsystems.count
        }
        return found.sorted { rank($0) < rank($1) } + (unified.map { [$0] } ?? [])
    }
}

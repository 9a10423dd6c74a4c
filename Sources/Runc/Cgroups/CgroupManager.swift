import KernelInterface
import OCI

/// What runc does with a container's cgroup (libcontainer/cgroups `Manager`): create it and
/// put a process in (`apply`), write the limits (`set`), list its processes, remove it.
/// One implementation per hierarchy; `Cgroups.manager` picks by what is mounted.
///
/// A new container's init does not enter its cgroup as runc's does (runc create writes the
/// init's pid to every hierarchy's `cgroup.procs`). Moving a whole process takes the kernel's
/// global `cgroup_threadgroup_rwsem` for writing, and when nobody has taken it lately that
/// waits for an RCU grace period: 5–12 ms on this project's hosts, for each container, the
/// largest single cost of `runc run`. Instead, as crun does, `runc create` makes the cgroup
/// first (`create`) and clones the init straight into its cgroup v2 group (clone3
/// `CLONE_INTO_CGROUP`, `birthDirectory`); on cgroup v1 the init, still a single thread, joins
/// each hierarchy itself by writing 0 to its `tasks` file (`threadJoinFiles`), a move of one
/// thread that the kernel makes without that lock. `apply` remains for a process that exists
/// already (`runc exec`'s) and for kernels without clone3.
protocol CgroupManager {
    /// The cgroup's path inside every hierarchy, as config.json names it (`/docker/<id>`).
    var path: String { get }
    /// Where a person finds it: the directory, or for cgroup v1 the directories, joined.
    var directory: String { get }
    /// The cgroup v2 directory a new process can be cloned into (the unified hierarchy's, beside
    /// the v1 ones in the hybrid layout); nil when no cgroup v2 is mounted.
    var birthDirectory: String? { get }
    /// The cgroup v1 `tasks` files a single-threaded process writes 0 to, to join the cgroup.
    var threadJoinFiles: [String] { get }
    /// libcontainer's `GetPaths`: each controller's directory (`"memory"`, `"name=systemd"`, and
    /// `""` for the unified hierarchy), kept in state.json as `cgroup_paths` so that `delete`,
    /// `ps` and `exec` find the cgroup without reading the mount table again.
    var paths: [String: String] { get }
    /// What the init binds under the container's /sys/fs/cgroup on cgroup v1 (runc's
    /// `mountCgroupV1`): each hierarchy's directory of this cgroup, by the hierarchy's name.
    var initBinds: [CgroupBind] { get }
    /// Makes the cgroup in every hierarchy, with no process in it.
    func create() throws
    /// Makes the cgroup and moves process `pid`, every thread of it, in (cgroup.procs).
    func apply(pid: ProcessID) throws
    func set(_ resources: Spec.LinuxResources) throws
    func processes() throws -> [ProcessID]
    func destroy() throws
}

enum Cgroups {
    static let mountPoint = "/sys/fs/cgroup"

    /// How cgroups are mounted at /sys/fs/cgroup, told apart as runc's
    /// `cgroups.IsCgroup2UnifiedMode` does, by the file only the unified hierarchy has at the
    /// top: `unified` (cgroup v2 only) or `legacy` (one cgroup v1 hierarchy per controller,
    /// possibly with a cgroup2 beside them at /sys/fs/cgroup/unified, the "hybrid" layout,
    /// where runc still uses the v1 hierarchies).
    enum Hierarchy { case unified, legacy }

    /// Only a missing file means v1: any other failure is an error, never a guess (runc
    /// panics when it cannot tell).
    static func hierarchy(kernel: Kernel) throws -> Hierarchy {
        let marker = joinPath(mountPoint, "cgroup.controllers")
        do {
            _ = try kernel.lstat(marker)
            return .unified
        } catch Errno.ENOENT {
            return .legacy
        } catch let errno as Errno {
            throw RuncError.syscall(errno, "lstat \(marker)", stage: "runc/cgroups")
        }
    }

    /// The manager for `cgroupsPath` (config.json's `linux.cgroupsPath`, cgroupfs style:
    /// `/docker/<id>`; runc's default `/<id>` when absent).
    static func manager(kernel: Kernel, cgroupsPath: String?, id: String) throws -> CgroupManager {
        let path = cgroupsPath.flatMap { $0.isEmpty ? nil : $0 } ?? "/" + id
        guard !path.contains(":") else {
            throw RuncError(.notSupported,
                            "the systemd cgroup driver (cgroupsPath \"\(path)\") is not supported yet by glassbox-runc: use a cgroupfs path such as /docker/<id>",
                            stage: "runc/cgroups")
        }
        return try manager(kernel: kernel, relativePath: path.hasPrefix("/") ? path : "/" + path)
    }

    /// The cgroup of a container's record: from its `cgroup_paths` when it has them (no mount
    /// table to read), else found again from its relative path.
    static func manager(kernel: Kernel, record: ContainerRecord) throws -> CgroupManager {
        guard let paths = record.cgroupPaths, !paths.isEmpty else {
            return try manager(kernel: kernel, relativePath: record.cgroupPath)
        }
        if paths.keys.allSatisfy(\.isEmpty) { return CgroupV2Manager(kernel: kernel, relativePath: record.cgroupPath) }
        return CgroupV1Manager(kernel: kernel, path: record.cgroupPath,
                               hierarchies: CgroupV1Hierarchy.hierarchies(from: paths, cgroupPath: record.cgroupPath))
    }

    /// The cgroup a path names, relative to each hierarchy's root, as a stored record keeps it.
    static func manager(kernel: Kernel, relativePath: String) throws -> CgroupManager {
        switch try hierarchy(kernel: kernel) {
        case .unified:
            return CgroupV2Manager(kernel: kernel, relativePath: relativePath)
        case .legacy:
            return CgroupV1Manager(kernel: kernel, path: relativePath, hierarchies: try CgroupV1Hierarchy.mounted(kernel: kernel))
        }
    }
}

/// One bind of a container's /sys/fs/cgroup on cgroup v1: the hierarchy's name (`memory`,
/// `cpu,cpuacct`, `systemd`) and the host directory of the container's cgroup in it.
struct CgroupBind: Codable, Equatable, Sendable {
    var name: String
    var source: String
}

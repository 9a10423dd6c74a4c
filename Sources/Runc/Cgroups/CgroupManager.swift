import KernelInterface
import OCI

/// What runc does with a container's cgroup (libcontainer/cgroups `Manager`): create it and
/// put a process in (`apply`), write the limits (`set`), list its processes, remove it.
/// One implementation per hierarchy; `Cgroups.manager` picks by what is mounted.
protocol CgroupManager {
    /// The cgroup's path inside every hierarchy, as config.json names it (`/docker/<id>`).
    var path: String { get }
    /// Where a person finds it: the directory, or for cgroup v1 the directories, joined.
    var directory: String { get }
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

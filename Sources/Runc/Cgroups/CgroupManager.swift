import KernelInterface
import OCI

/// What runc does with a container's cgroup (libcontainer/cgroups `Manager`): create it and
/// put a process in (`apply`), write the limits (`set`), list its processes, remove it.
/// One implementation per hierarchy; `Cgroups.manager` picks by what is mounted.
protocol CgroupManager {
    /// The directory of the container's cgroup, absolute (`/sys/fs/cgroup/docker/<id>`).
    var directory: String { get }
    func apply(pid: ProcessID) throws
    func set(_ resources: Spec.LinuxResources) throws
    func processes() throws -> [ProcessID]
    func destroy() throws
}

enum Cgroups {
    static let mountPoint = "/sys/fs/cgroup"

    /// The hierarchy mounted at /sys/fs/cgroup, told apart as runc's `cgroups.IsCgroup2UnifiedMode`
    /// does, by the file only the unified hierarchy has.
    enum Hierarchy { case unified, legacy }

    static func hierarchy(kernel: Kernel) -> Hierarchy {
        kernel.exists(joinPath(mountPoint, "cgroup.controllers")) ? .unified : .legacy
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
        let relative = path.hasPrefix("/") ? path : "/" + path
        switch hierarchy(kernel: kernel) {
        case .unified:
            return CgroupV2Manager(kernel: kernel, relativePath: relative)
        case .legacy:
            throw RuncError(.notSupported,
                            "cgroup v1 (no \(mountPoint)/cgroup.controllers) is not supported yet by glassbox-runc: boot with the unified cgroup v2 hierarchy",
                            stage: "runc/cgroups")
        }
    }

    /// The cgroup a path names, relative to the mount, read back from a stored record.
    static func manager(kernel: Kernel, relativePath: String) -> CgroupManager? {
        switch hierarchy(kernel: kernel) {
        case .unified: return CgroupV2Manager(kernel: kernel, relativePath: relativePath)
        case .legacy: return nil
        }
    }
}

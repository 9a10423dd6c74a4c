import KernelInterface
import OCI

/// The unified hierarchy (cgroup v2), as runc's libcontainer/cgroups/fs2 drives it: mkdir -p of
/// the group with the controllers enabled on the way down, the pid written to cgroup.procs, the
/// limits written to the controllers' files.
struct CgroupV2Manager: CgroupManager {
    let kernel: Kernel
    let relativePath: String

    var path: String { relativePath }

    var directory: String { joinPath(Cgroups.mountPoint, relativePath) }

    var birthDirectory: String? { directory }

    var threadJoinFiles: [String] { [] }

    var paths: [String: String] { ["": directory] }

    var initBinds: [CgroupBind] { [] }

    func create() throws {
        try createPath()
    }

    func apply(pid: ProcessID) throws {
        try createPath()
        try write("cgroup.procs", String(pid.rawValue))
    }

    /// fs2's `CreateCgroupPath`: each ancestor delegates its controllers to its children through
    /// cgroup.subtree_control, so the leaf has memory.max, pids.max, cpu.max. As runc, the
    /// root's controllers are read once and enabled at every level in one write ("+cpu
    /// +memory …"), one by one only when that write is refused. A controller the kernel refuses
    /// to enable leaves its files absent; writing a limit then fails clearly.
    private func createPath() throws {
        let controllers = (try? kernel.readTextFile(joinPath(Cgroups.mountPoint, "cgroup.controllers")))?
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).map { "+" + $0 } ?? []
        var current = Cgroups.mountPoint
        for component in relativePath.split(separator: "/") {
            if !controllers.isEmpty {
                let file = joinPath(current, "cgroup.subtree_control")
                do {
                    try kernel.writeFile(file, controllers.joined(separator: " "))
                } catch {
                    for controller in controllers { try? kernel.writeFile(file, controller) }
                }
            }
            current = joinPath(current, String(component))
            do {
                try kernel.mkdir(current, mode: 0o755)
            } catch Errno.EEXIST {}
        }
    }

    /// fs2's `setMemory`, `setPids`, `setCpu`: -1 or an unset quota is `max`; cpu.shares
    /// becomes cpu.weight by runc's `ConvertCPUSharesToCgroupV2Value`.
    func set(_ resources: Spec.LinuxResources) throws {
        if let limit = resources.memory?.limit, limit != 0 {
            try write("memory.max", limit < 0 ? "max" : String(limit))
        }
        if let pids = resources.pids, pids.limit != 0 {
            try write("pids.max", pids.limit < 0 ? "max" : String(pids.limit))
        }
        if let cpu = resources.cpu {
            let quota = cpu.quota ?? 0
            let period = cpu.period ?? 0
            if quota != 0 || period != 0 {
                let periodText = String(period == 0 ? 100_000 : period)
                try write("cpu.max", (quota > 0 ? String(quota) : "max") + " " + periodText)
            }
            if let shares = cpu.shares, shares >= 2 {
                try write("cpu.weight", String(1 + ((shares - 2) * 9999) / 262_142))
            }
        }
    }

    func processes() throws -> [ProcessID] {
        try kernel.readTextFile(joinPath(directory, "cgroup.procs"))
            .split(separator: "\n").compactMap { Int32($0).map { ProcessID($0) } }
    }

    /// fs2's `RemovePath`: rmdir, retried a few times while the last process is still
    /// leaving (EBUSY); an already missing group is fine.
    func destroy() throws {
        var attempt = 0
        while true {
            do {
                try kernel.rmdir(directory)
                return
            } catch Errno.ENOENT {
                return
            } catch Errno.EBUSY where attempt < 10 {
                attempt += 1
                try kernel.nanosleep(10_000_000)
            }
        }
    }

    private func write(_ file: String, _ value: String) throws {
        let path = joinPath(directory, file)
        do {
            let fd = try kernel.open(path, [.writeOnly, .truncate, .closeOnExec], mode: 0)
            defer { try? kernel.close(fd) }
            try kernel.writeAll(fd, value)
        } catch let errno as Errno {
            throw RuncError.syscall(errno, "write \(path) (\(value))", stage: "runc/cgroups")
        }
    }
}

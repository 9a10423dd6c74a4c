import KernelInterface
import OCI

extension CgroupV1Manager {
    /// fs.go `Set`: each controller's limits, written to the files of the hierarchy carrying
    /// it; a controller that is not mounted is skipped, as runc skips it. Unset and zero values
    /// leave the kernel's defaults.
    func set(_ resources: Spec.LinuxResources) throws {
        for hierarchy in hierarchies {
            let directory = hierarchy.directory(of: path)
            if hierarchy.has("memory"), let memory = resources.memory { try setMemory(memory, directory) }
            if hierarchy.has("pids"), let pids = resources.pids { try setPids(pids, directory) }
            if hierarchy.has("cpu"), let cpu = resources.cpu { try setCpu(cpu, directory) }
            if hierarchy.has("cpuset"), let cpu = resources.cpu { try setCpuset(cpu, directory) }
            if hierarchy.has("devices") { try setDevices(resources.devices ?? [], directory) }
            if hierarchy.has("blkio"), let blockIO = resources.blockIO { try setBlockIO(blockIO, directory) }
        }
    }

    /// memory.go `Set`: the limit before the memory+swap limit (a new cgroup's memsw is
    /// unlimited, so the limit can always go first); -1 is "unlimited" in v1's own words.
    private func setMemory(_ memory: Spec.LinuxMemory, _ directory: String) throws {
        if let limit = memory.limit, limit != 0 { try write(directory, "memory.limit_in_bytes", String(limit)) }
        if let swap = memory.swap, swap != 0 { try write(directory, "memory.memsw.limit_in_bytes", String(swap)) }
        if let reservation = memory.reservation, reservation != 0 {
            try write(directory, "memory.soft_limit_in_bytes", String(reservation))
        }
        if let swappiness = memory.swappiness, swappiness <= 100 {
            try write(directory, "memory.swappiness", String(swappiness))
        }
        if memory.disableOOMKiller == true { try write(directory, "memory.oom_control", "1") }
    }

    /// pids.go `Set`: a negative limit is `max`.
    private func setPids(_ pids: Spec.LinuxPids, _ directory: String) throws {
        guard pids.limit != 0 else { return }
        try write(directory, "pids.max", pids.limit < 0 ? "max" : String(pids.limit))
    }

    /// cpu.go `Set`: shares, then the CFS period before the quota — unless the kernel refuses
    /// the period against the current quota (EINVAL), when runc writes the quota first.
    private func setCpu(_ cpu: Spec.LinuxCPU, _ directory: String) throws {
        if let shares = cpu.shares, shares != 0 { try write(directory, "cpu.shares", String(shares)) }
        let period = cpu.period ?? 0
        let quota = cpu.quota ?? 0
        if period != 0 {
            do {
                try write(directory, "cpu.cfs_period_us", String(period))
            } catch {
                guard quota != 0 else { throw error }
                try write(directory, "cpu.cfs_quota_us", String(quota))
                try write(directory, "cpu.cfs_period_us", String(period))
                return
            }
        }
        if quota != 0 { try write(directory, "cpu.cfs_quota_us", String(quota)) }
        if let runtime = cpu.realtimeRuntime, runtime != 0 { try write(directory, "cpu.rt_runtime_us", String(runtime)) }
        if let realtimePeriod = cpu.realtimePeriod, realtimePeriod != 0 {
            try write(directory, "cpu.rt_period_us", String(realtimePeriod))
        }
    }

    private func setCpuset(_ cpu: Spec.LinuxCPU, _ directory: String) throws {
        if let cpus = cpu.cpus, !cpus.isEmpty { try write(directory, "cpuset.cpus", cpus) }
        if let mems = cpu.mems, !mems.isEmpty { try write(directory, "cpuset.mems", mems) }
    }

    /// blkio.go `Set`: blkio.weight, or blkio.bfq.weight on kernels whose CFQ is gone.
    private func setBlockIO(_ blockIO: Spec.LinuxBlockIO, _ directory: String) throws {
        if let weight = blockIO.weight, weight != 0 {
            let file = kernel.exists(joinPath(directory, "blkio.weight")) ? "blkio.weight" : "blkio.bfq.weight"
            try write(directory, file, String(weight))
        }
        if let leafWeight = blockIO.leafWeight, leafWeight != 0 {
            try write(directory, "blkio.leaf_weight", String(leafWeight))
        }
    }

    /// devices.go `Set` for a new cgroup: config.json's rules, then runc's own
    /// `specconv.AllowedDevices` appended (mknod of any node, the default devices, /dev/pts/*,
    /// /dev/ptmx, /dev/net/tun), each written to devices.allow or devices.deny in order. A
    /// leading deny-all becomes `a` written to devices.deny, which empties the allow list.
    private func setDevices(_ rules: [Spec.LinuxDeviceCgroup], _ directory: String) throws {
        guard !rules.isEmpty else { return }
        for rule in rules + CgroupV1Manager.allowedDevices {
            let file = rule.allow ? "devices.allow" : "devices.deny"
            try write(directory, file, CgroupV1Manager.deviceRule(rule))
        }
    }

    /// A rule as the devices controller reads it: `c 1:3 rwm`, `*` for any number, `a` for
    /// every device.
    static func deviceRule(_ rule: Spec.LinuxDeviceCgroup) -> String {
        let type = rule.type.flatMap { $0.isEmpty ? nil : $0 } ?? "a"
        if type == "a" { return "a" }
        let major = rule.major.map(String.init) ?? "*"
        let minor = rule.minor.map(String.init) ?? "*"
        return "\(type) \(major):\(minor) \(rule.access.flatMap { $0.isEmpty ? nil : $0 } ?? "rwm")"
    }

    static let allowedDevices: [Spec.LinuxDeviceCgroup] = [
        .init(allow: true, type: "c", access: "m"), .init(allow: true, type: "b", access: "m"),
        .init(allow: true, type: "c", major: 1, minor: 3, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 8, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 7, access: "rwm"),
        .init(allow: true, type: "c", major: 5, minor: 0, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 5, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 9, access: "rwm"),
        .init(allow: true, type: "c", major: 136, access: "rwm"),
        .init(allow: true, type: "c", major: 5, minor: 2, access: "rwm"),
        .init(allow: true, type: "c", major: 10, minor: 200, access: "rwm"),
    ]
}

extension Spec {
    /// The cgroup limits runc writes (config-linux.md "Control groups").
    public struct LinuxResources: Codable, Hashable, Sendable {
        public var devices: [LinuxDeviceCgroup]?
        public var memory: LinuxMemory?
        public var cpu: LinuxCPU?
        public var pids: LinuxPids?
        public var blockIO: LinuxBlockIO?
        public init(
            devices: [LinuxDeviceCgroup]? = nil, memory: LinuxMemory? = nil, cpu: LinuxCPU? = nil,
            pids: LinuxPids? = nil, blockIO: LinuxBlockIO? = nil
        ) {
            self.devices = devices
            self.memory = memory
            self.cpu = cpu
            self.pids = pids
            self.blockIO = blockIO
        }
    }

    /// One rule of the devices cgroup (`devices.allow`/`devices.deny`); nil type, major or
    /// minor mean "all" (`a`, `*`).
    public struct LinuxDeviceCgroup: Codable, Hashable, Sendable {
        public var allow: Bool
        public var type: String?
        public var major: Int64?
        public var minor: Int64?
        public var access: String?
        public init(allow: Bool, type: String? = nil, major: Int64? = nil, minor: Int64? = nil, access: String? = nil) {
            self.allow = allow
            self.type = type
            self.major = major
            self.minor = minor
            self.access = access
        }
    }

    /// Memory limits, bytes.
    public struct LinuxMemory: Codable, Hashable, Sendable {
        public var limit: Int64?
        public var reservation: Int64?
        public var swap: Int64?
        public var kernel: Int64?
        public var swappiness: UInt64?
        public var disableOOMKiller: Bool?
        public init(
            limit: Int64? = nil, reservation: Int64? = nil, swap: Int64? = nil, kernel: Int64? = nil,
            swappiness: UInt64? = nil, disableOOMKiller: Bool? = nil
        ) {
            self.limit = limit
            self.reservation = reservation
            self.swap = swap
            self.kernel = kernel
            self.swappiness = swappiness
            self.disableOOMKiller = disableOOMKiller
        }
    }

    /// CPU shares, CFS quota and period (microseconds), realtime budget, cpuset.
    public struct LinuxCPU: Codable, Hashable, Sendable {
        public var shares: UInt64?
        public var quota: Int64?
        public var period: UInt64?
        public var realtimeRuntime: Int64?
        public var realtimePeriod: UInt64?
        public var cpus: String?
        public var mems: String?
        public init(
            shares: UInt64? = nil, quota: Int64? = nil, period: UInt64? = nil, realtimeRuntime: Int64? = nil,
            realtimePeriod: UInt64? = nil, cpus: String? = nil, mems: String? = nil
        ) {
            self.shares = shares
            self.quota = quota
            self.period = period
            self.realtimeRuntime = realtimeRuntime
            self.realtimePeriod = realtimePeriod
            self.cpus = cpus
            self.mems = mems
        }
    }

    /// The pids cgroup's `pids.max`.
    public struct LinuxPids: Codable, Hashable, Sendable {
        public var limit: Int64
        public init(limit: Int64) { self.limit = limit }
    }

    /// The blkio cgroup's weight (10-1000; 0 leaves the kernel's default).
    public struct LinuxBlockIO: Codable, Hashable, Sendable {
        public var weight: UInt16?
        public var leafWeight: UInt16?
        public init(weight: UInt16? = nil, leafWeight: UInt16? = nil) {
            self.weight = weight
            self.leafWeight = leafWeight
        }
    }
}

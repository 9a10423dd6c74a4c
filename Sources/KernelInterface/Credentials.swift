/// A Linux capability (capabilities(7)), named as the OCI spec names them (`CAP_CHOWN`).
public struct Capability: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static func < (a: Capability, b: Capability) -> Bool { a.rawValue < b.rawValue }

    /// The names of capabilities 0...40, in number order.
    public static let names: [String] = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
        "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
        "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
        "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
        "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
        "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
        "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
        "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ]

    public static let chown = Capability(rawValue: 0)
    public static let kill = Capability(rawValue: 5)
    public static let setgid = Capability(rawValue: 6)
    public static let setuid = Capability(rawValue: 7)
    public static let sysChroot = Capability(rawValue: 18)
    public static let sysAdmin = Capability(rawValue: 21)

    public init?(name: String) {
        guard let index = Capability.names.firstIndex(of: name.uppercased()) else { return nil }
        self.rawValue = Int32(index)
    }

    public var name: String {
        Int(rawValue) < Capability.names.count ? Capability.names[Int(rawValue)] : "CAP_\(rawValue)"
    }
    public var description: String { name }

    /// Every capability this kernel knows.
    public static var all: Set<Capability> { Set((0..<Int32(names.count)).map(Capability.init(rawValue:))) }
}

/// The five capability sets of a thread (capset(2) and prctl(2)'s ambient and bounding sets).
public struct CapabilitySets: Sendable, Hashable {
    public var bounding: Set<Capability>
    public var effective: Set<Capability>
    public var permitted: Set<Capability>
    public var inheritable: Set<Capability>
    public var ambient: Set<Capability>

    public init(
        bounding: Set<Capability>, effective: Set<Capability>, permitted: Set<Capability>,
        inheritable: Set<Capability>, ambient: Set<Capability>
    ) {
        self.bounding = bounding
        self.effective = effective
        self.permitted = permitted
        self.inheritable = inheritable
        self.ambient = ambient
    }

    /// What root starts with.
    public static var full: CapabilitySets {
        CapabilitySets(bounding: Capability.all, effective: Capability.all, permitted: Capability.all,
                       inheritable: [], ambient: [])
    }
}

/// A resource limit (setrlimit(2)), named as the OCI spec names them (`RLIMIT_NOFILE`).
public struct ResourceLimit: Sendable, Hashable {
    public var resource: String
    public var soft: UInt64
    public var hard: UInt64
    public init(resource: String, soft: UInt64, hard: UInt64) {
        self.resource = resource
        self.soft = soft
        self.hard = hard
    }

    /// The RLIMIT_ names and numbers Linux uses.
    public static let resources: [String: Int32] = [
        "RLIMIT_CPU": 0, "RLIMIT_FSIZE": 1, "RLIMIT_DATA": 2, "RLIMIT_STACK": 3, "RLIMIT_CORE": 4,
        "RLIMIT_RSS": 5, "RLIMIT_NPROC": 6, "RLIMIT_NOFILE": 7, "RLIMIT_MEMLOCK": 8, "RLIMIT_AS": 9,
        "RLIMIT_LOCKS": 10, "RLIMIT_SIGPENDING": 11, "RLIMIT_MSGQUEUE": 12, "RLIMIT_NICE": 13,
        "RLIMIT_RTPRIO": 14, "RLIMIT_RTTIME": 15,
    ]
}

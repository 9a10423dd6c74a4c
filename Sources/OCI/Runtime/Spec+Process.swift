extension Spec {
    /// The container process (config.md "Process").
    public struct Process: Codable, Hashable, Sendable {
        public var terminal: Bool?
        public var consoleSize: Box?
        public var user: User
        public var args: [String]?
        public var env: [String]?
        public var cwd: String
        public var capabilities: LinuxCapabilities?
        public var rlimits: [POSIXRlimit]?
        public var noNewPrivileges: Bool?
        public var apparmorProfile: String?
        public var oomScoreAdj: Int?
        public var selinuxLabel: String?

        public init(
            terminal: Bool? = nil, consoleSize: Box? = nil, user: User = User(), args: [String]? = nil,
            env: [String]? = nil, cwd: String = "/", capabilities: LinuxCapabilities? = nil,
            rlimits: [POSIXRlimit]? = nil, noNewPrivileges: Bool? = nil, apparmorProfile: String? = nil,
            oomScoreAdj: Int? = nil, selinuxLabel: String? = nil
        ) {
            self.terminal = terminal
            self.consoleSize = consoleSize
            self.user = user
            self.args = args
            self.env = env
            self.cwd = cwd
            self.capabilities = capabilities
            self.rlimits = rlimits
            self.noNewPrivileges = noNewPrivileges
            self.apparmorProfile = apparmorProfile
            self.oomScoreAdj = oomScoreAdj
            self.selinuxLabel = selinuxLabel
        }
    }

    /// The terminal's size in characters (specs-go's `Box`).
    public struct Box: Codable, Hashable, Sendable {
        public var height: UInt
        public var width: UInt
        public init(height: UInt, width: UInt) {
            self.height = height
            self.width = width
        }
    }

    /// The identity the process runs as (config.md "User", POSIX platforms).
    public struct User: Codable, Hashable, Sendable {
        public var uid: UInt32
        public var gid: UInt32
        public var umask: UInt32?
        public var additionalGids: [UInt32]?
        public init(uid: UInt32 = 0, gid: UInt32 = 0, umask: UInt32? = nil, additionalGids: [UInt32]? = nil) {
            self.uid = uid
            self.gid = gid
            self.umask = umask
            self.additionalGids = additionalGids
        }
    }

    /// The five capability sets, by `CAP_` name (config.md "capabilities").
    public struct LinuxCapabilities: Codable, Hashable, Sendable {
        public var bounding: [String]?
        public var effective: [String]?
        public var inheritable: [String]?
        public var permitted: [String]?
        public var ambient: [String]?
        public init(
            bounding: [String]? = nil, effective: [String]? = nil, inheritable: [String]? = nil,
            permitted: [String]? = nil, ambient: [String]? = nil
        ) {
            self.bounding = bounding
            self.effective = effective
            self.inheritable = inheritable
            self.permitted = permitted
            self.ambient = ambient
        }
    }

    /// One setrlimit(2) call: `type` is the resource's name (`RLIMIT_NOFILE`).
    public struct POSIXRlimit: Codable, Hashable, Sendable {
        public var type: String
        public var hard: UInt64
        public var soft: UInt64
        public init(type: String, hard: UInt64, soft: UInt64) {
            self.type = type
            self.hard = hard
            self.soft = soft
        }
    }
}

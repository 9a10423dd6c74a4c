extension Spec {
    /// A seccomp profile in the spec's form (config-linux.md "Seccomp"): a default action and
    /// rules by syscall name, with actions and operators spelled as libseccomp's constants
    /// (`SCMP_ACT_ERRNO`, `SCMP_CMP_MASKED_EQ`).
    public struct LinuxSeccomp: Codable, Hashable, Sendable {
        public var defaultAction: String
        public var defaultErrnoRet: UInt32?
        public var architectures: [String]?
        public var flags: [String]?
        public var syscalls: [LinuxSyscall]?
        public init(
            defaultAction: String, defaultErrnoRet: UInt32? = nil, architectures: [String]? = nil,
            flags: [String]? = nil, syscalls: [LinuxSyscall]? = nil
        ) {
            self.defaultAction = defaultAction
            self.defaultErrnoRet = defaultErrnoRet
            self.architectures = architectures
            self.flags = flags
            self.syscalls = syscalls
        }
    }

    /// One rule: these syscalls, when every argument condition holds, take `action`.
    public struct LinuxSyscall: Codable, Hashable, Sendable {
        public var names: [String]
        public var action: String
        public var errnoRet: UInt32?
        public var args: [LinuxSeccompArg]?
        public init(names: [String], action: String, errnoRet: UInt32? = nil, args: [LinuxSeccompArg]? = nil) {
            self.names = names
            self.action = action
            self.errnoRet = errnoRet
            self.args = args
        }
    }

    /// A condition on argument `index`: `op` compares it with `value` (and `valueTwo` for
    /// `SCMP_CMP_MASKED_EQ`, where `value` is the mask).
    public struct LinuxSeccompArg: Codable, Hashable, Sendable {
        public var index: UInt
        public var value: UInt64
        public var valueTwo: UInt64?
        public var op: String
        public init(index: UInt, value: UInt64, valueTwo: UInt64? = nil, op: String) {
            self.index = index
            self.value = value
            self.valueTwo = valueTwo
            self.op = op
        }
    }
}

/// What statfs(2) reports that the engine reads: the file system's type (its magic number,
/// `f_type`) and the flags of the mount the path lies on (`f_flags`: ST_RDONLY, ST_NOSUID,
/// ST_NODEV and ST_NOEXEC have MS_RDONLY's, MS_NOSUID's, MS_NODEV's and MS_NOEXEC's values).
public struct FileSystemStatus: Sendable, Equatable, CustomStringConvertible {
    public var type: UInt64
    public var flags: MountFlags

    public init(type: UInt64, flags: MountFlags) {
        self.type = type
        self.flags = flags
    }

    /// The flags statfs reports here; the others (ST_RELATIME…) are left out.
    public static let reportedFlags: MountFlags = [.readOnly, .noSetuid, .noDevices, .noExec]

    /// The magic numbers of linux/magic.h, by file system type name.
    public static func magic(of type: String) -> UInt64 {
        switch type {
        case "tmpfs", "shm": return 0x0102_1994
        case "proc": return 0x9FA0
        case "sysfs": return 0x6265_6572
        case "devpts": return 0x1CD1
        case "mqueue": return 0x1980_0202
        case "overlay": return 0x794C_7630
        case "cgroup2": return 0x6367_7270
        case "cgroup": return 0x0027_E0EB
        case "ext4", "ext3", "ext2": return 0xEF53
        default: return 0
        }
    }

    /// As strace prints it: `{f_type=TMPFS_MAGIC, f_flags=ST_NOSUID|ST_NODEV}`.
    public var description: String {
        let names: [(MountFlags, String)] = [(.readOnly, "ST_RDONLY"), (.noSetuid, "ST_NOSUID"), (.noDevices, "ST_NODEV"), (.noExec, "ST_NOEXEC")]
        let set = names.filter { flags.contains($0.0) }.map(\.1)
        return "{f_type=0x" + String(type, radix: 16) + ", f_flags=" + (set.isEmpty ? "0" : set.joined(separator: "|")) + "}"
    }
}

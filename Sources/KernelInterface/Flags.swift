/// open(2) flags, with Linux x86-64's values. The access mode (`O_RDONLY`, `O_WRONLY`,
/// `O_RDWR`) is the low two bits, not a bit of its own.
public struct OpenFlags: OptionSet, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let readOnly: OpenFlags = []
    public static let writeOnly = OpenFlags(rawValue: 0o1)
    public static let readWrite = OpenFlags(rawValue: 0o2)
    public static let create = OpenFlags(rawValue: 0o100)
    public static let exclusive = OpenFlags(rawValue: 0o200)
    public static let noControllingTerminal = OpenFlags(rawValue: 0o400)
    public static let truncate = OpenFlags(rawValue: 0o1000)
    public static let append = OpenFlags(rawValue: 0o2000)
    public static let nonBlocking = OpenFlags(rawValue: 0o4000)
    public static let directory = OpenFlags(rawValue: 0o200000)
    public static let noFollow = OpenFlags(rawValue: 0o400000)
    public static let closeOnExec = OpenFlags(rawValue: 0o2000000)
    /// `O_PATH`: a handle on the file itself, for later `/proc/self/fd/N` re-opens.
    public static let path = OpenFlags(rawValue: 0o10000000)

    public enum Access: Sendable { case read, write, readWrite }
    public var access: Access {
        switch rawValue & 0o3 {
        case 0o1: return .write
        case 0o2: return .readWrite
        default: return .read
        }
    }
    public var canRead: Bool { access != .write }
    public var canWrite: Bool { access != .read }

    /// `O_WRONLY|O_CREAT|O_CLOEXEC` in strace's spelling.
    public var symbolic: String {
        var parts: [String] = []
        switch access {
        case .read: parts.append("O_RDONLY")
        case .write: parts.append("O_WRONLY")
        case .readWrite: parts.append("O_RDWR")
        }
        let named: [(OpenFlags, String)] = [
            (.create, "O_CREAT"), (.exclusive, "O_EXCL"), (.noControllingTerminal, "O_NOCTTY"),
            (.truncate, "O_TRUNC"), (.append, "O_APPEND"), (.nonBlocking, "O_NONBLOCK"),
            (.directory, "O_DIRECTORY"), (.noFollow, "O_NOFOLLOW"), (.closeOnExec, "O_CLOEXEC"),
            (.path, "O_PATH"),
        ]
        for (flag, name) in named where contains(flag) { parts.append(name) }
        return parts.joined(separator: "|")
    }
}

/// mount(2) flags (`MS_*`), Linux values.
public struct MountFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt
    public init(rawValue: UInt) { self.rawValue = rawValue }
    public static let readOnly = MountFlags(rawValue: 1)
    public static let noSetuid = MountFlags(rawValue: 2)
    public static let noDevices = MountFlags(rawValue: 4)
    public static let noExec = MountFlags(rawValue: 8)
    public static let remount = MountFlags(rawValue: 32)
    public static let bind = MountFlags(rawValue: 4096)
    public static let move = MountFlags(rawValue: 8192)
    public static let recursive = MountFlags(rawValue: 16384)
    public static let `private` = MountFlags(rawValue: 1 << 18)
    public static let slave = MountFlags(rawValue: 1 << 19)
    public static let shared = MountFlags(rawValue: 1 << 20)
    public static let relativeAccessTime = MountFlags(rawValue: 1 << 21)
    public static let strictAccessTime = MountFlags(rawValue: 1 << 24)

    public var symbolic: String {
        let named: [(MountFlags, String)] = [
            (.readOnly, "MS_RDONLY"), (.noSetuid, "MS_NOSUID"), (.noDevices, "MS_NODEV"),
            (.noExec, "MS_NOEXEC"), (.remount, "MS_REMOUNT"), (.bind, "MS_BIND"), (.move, "MS_MOVE"),
            (.recursive, "MS_REC"), (.private, "MS_PRIVATE"), (.slave, "MS_SLAVE"),
            (.shared, "MS_SHARED"), (.relativeAccessTime, "MS_RELATIME"),
            (.strictAccessTime, "MS_STRICTATIME"),
        ]
        let parts = named.filter { contains($0.0) }.map(\.1)
        return parts.isEmpty ? "0" : parts.joined(separator: "|")
    }
}

/// umount2(2) flags.
public struct UnmountFlags: OptionSet, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let force = UnmountFlags(rawValue: 1)
    /// `MNT_DETACH`: lazy unmount.
    public static let detach = UnmountFlags(rawValue: 2)
}

/// The namespace bits of clone(2), unshare(2) and setns(2) (`CLONE_NEW*`).
public struct Namespaces: OptionSet, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let mount = Namespaces(rawValue: 0x0002_0000)
    public static let cgroup = Namespaces(rawValue: 0x0200_0000)
    public static let uts = Namespaces(rawValue: 0x0400_0000)
    public static let ipc = Namespaces(rawValue: 0x0800_0000)
    public static let user = Namespaces(rawValue: 0x1000_0000)
    public static let pid = Namespaces(rawValue: 0x2000_0000)
    public static let network = Namespaces(rawValue: 0x4000_0000)

    /// Each namespace with its OCI name (`config.json`'s `linux.namespaces[].type`), its
    /// `/proc/PID/ns/` file name and its `CLONE_` constant name.
    public static let all: [(Namespaces, oci: String, proc: String, clone: String)] = [
        (.mount, "mount", "mnt", "CLONE_NEWNS"), (.uts, "uts", "uts", "CLONE_NEWUTS"),
        (.ipc, "ipc", "ipc", "CLONE_NEWIPC"), (.pid, "pid", "pid", "CLONE_NEWPID"),
        (.network, "network", "net", "CLONE_NEWNET"), (.user, "user", "user", "CLONE_NEWUSER"),
        (.cgroup, "cgroup", "cgroup", "CLONE_NEWCGROUP"),
    ]

    public init?(ociName: String) {
        guard let entry = Namespaces.all.first(where: { $0.oci == ociName }) else { return nil }
        self = entry.0
    }

    public var symbolic: String {
        let parts = Namespaces.all.filter { contains($0.0) }.map(\.clone)
        return parts.isEmpty ? "0" : parts.joined(separator: "|")
    }
}

/// Options of wait4(2).
public struct WaitOptions: OptionSet, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let noHang = WaitOptions(rawValue: 1)
}

/// clock_gettime(2) clocks.
public enum ClockID: Int32, Sendable {
    case realtime = 0
    case monotonic = 1
}

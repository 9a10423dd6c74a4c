/// The type bits of `st_mode`.
public enum FileKind: String, Sendable, Hashable {
    case regular, directory, symlink, fifo, socket, characterDevice, blockDevice

    /// `ls -l`'s first letter.
    public var letter: Character {
        switch self {
        case .regular: return "-"
        case .directory: return "d"
        case .symlink: return "l"
        case .fifo: return "p"
        case .socket: return "s"
        case .characterDevice: return "c"
        case .blockDevice: return "b"
        }
    }
}

/// What stat(2) reports, the fields the engine reads.
public struct FileStatus: Sendable, Hashable {
    public var kind: FileKind
    /// Permission bits, including setuid/setgid/sticky (`0o4755`).
    public var permissions: UInt32
    public var size: Int64
    public var uid: UInt32
    public var gid: UInt32
    public var inode: UInt64
    /// The device the file lives on (`st_dev`): differs across a mount point.
    public var device: UInt64
    public var linkCount: UInt32
    /// Modification time, nanoseconds since the epoch.
    public var modified: Int64
    /// For device files: major and minor (`st_rdev`).
    public var deviceNumber: (major: UInt32, minor: UInt32)

    public init(
        kind: FileKind, permissions: UInt32, size: Int64, uid: UInt32 = 0, gid: UInt32 = 0,
        inode: UInt64 = 0, device: UInt64 = 0, linkCount: UInt32 = 1, modified: Int64 = 0,
        deviceNumber: (major: UInt32, minor: UInt32) = (0, 0)
    ) {
        self.kind = kind
        self.permissions = permissions
        self.size = size
        self.uid = uid
        self.gid = gid
        self.inode = inode
        self.device = device
        self.linkCount = linkCount
        self.modified = modified
        self.deviceNumber = deviceNumber
    }

    public static func == (a: FileStatus, b: FileStatus) -> Bool {
        a.kind == b.kind && a.permissions == b.permissions && a.size == b.size && a.uid == b.uid
            && a.gid == b.gid && a.inode == b.inode && a.device == b.device
            && a.linkCount == b.linkCount && a.modified == b.modified
            && a.deviceNumber.major == b.deviceNumber.major && a.deviceNumber.minor == b.deviceNumber.minor
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(inode)
        hasher.combine(device)
    }

    /// `drwxr-xr-x`, as `ls -l` prints it.
    public var modeString: String {
        var s = String(kind.letter)
        let bits: [(UInt32, Character)] = [
            (0o400, "r"), (0o200, "w"), (0o100, "x"), (0o040, "r"), (0o020, "w"), (0o010, "x"),
            (0o004, "r"), (0o002, "w"), (0o001, "x"),
        ]
        for (bit, letter) in bits { s.append(permissions & bit != 0 ? letter : "-") }
        return s
    }
}

/// One entry of getdents64(2).
public struct DirectoryEntry: Sendable, Hashable {
    public var name: String
    public var kind: FileKind
    public var inode: UInt64
    public init(name: String, kind: FileKind, inode: UInt64 = 0) {
        self.name = name
        self.kind = kind
        self.inode = inode
    }
}

/// uname(2), the fields a container can tell apart.
public struct SystemName: Sendable, Hashable {
    public var sysname: String
    public var nodename: String
    public var release: String
    public var machine: String
    public init(sysname: String, nodename: String, release: String, machine: String) {
        self.sysname = sysname
        self.nodename = nodename
        self.release = release
        self.machine = machine
    }
}

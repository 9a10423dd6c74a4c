/// One member of a tar archive: a file, directory, link, device node or FIFO, with its
/// metadata and (for regular files) its contents. The fields are those of a POSIX ustar
/// header (`tar.Header` in Go's archive/tar), with long names carried by PAX records.
public struct TarEntry: Hashable, Sendable {
    /// The member types a layer may hold (typeflags `0`-`6`).
    public enum Kind: Hashable, Sendable {
        case regular, hardLink, symlink, characterDevice, blockDevice, directory, fifo

        /// The ustar typeflag byte.
        var typeflag: UInt8 {
            switch self {
            case .regular: return UInt8(ascii: "0")
            case .hardLink: return UInt8(ascii: "1")
            case .symlink: return UInt8(ascii: "2")
            case .characterDevice: return UInt8(ascii: "3")
            case .blockDevice: return UInt8(ascii: "4")
            case .directory: return UInt8(ascii: "5")
            case .fifo: return UInt8(ascii: "6")
            }
        }

        /// Only regular files carry data; Go's archive/tar treats the size of every other
        /// kind as zero (`isHeaderOnlyType`).
        var hasData: Bool { self == .regular }
    }

    /// The member's name, relative, without a trailing slash for directories.
    public var path: String
    public var kind: Kind
    /// Permission bits with setuid, setgid and sticky (`0o4755`).
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32
    public var userName: String
    public var groupName: String
    /// Seconds since the epoch.
    public var modificationTime: Int64
    /// A symlink's target, or the path a hard link names (another member of the archive).
    public var linkTarget: String
    public var deviceMajor: UInt32
    public var deviceMinor: UInt32
    public var contents: [UInt8]

    public init(
        path: String, kind: Kind, mode: UInt32, uid: UInt32 = 0, gid: UInt32 = 0, userName: String = "",
        groupName: String = "", modificationTime: Int64 = 0, linkTarget: String = "", deviceMajor: UInt32 = 0,
        deviceMinor: UInt32 = 0, contents: [UInt8] = []
    ) {
        self.path = path
        self.kind = kind
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.userName = userName
        self.groupName = groupName
        self.modificationTime = modificationTime
        self.linkTarget = linkTarget
        self.deviceMajor = deviceMajor
        self.deviceMinor = deviceMinor
        self.contents = contents
    }

    public static func file(_ path: String, _ contents: [UInt8], mode: UInt32 = 0o644) -> TarEntry {
        TarEntry(path: path, kind: .regular, mode: mode, contents: contents)
    }

    public static func directory(_ path: String, mode: UInt32 = 0o755) -> TarEntry {
        TarEntry(path: path, kind: .directory, mode: mode)
    }

    public static func symlink(_ path: String, target: String) -> TarEntry {
        TarEntry(path: path, kind: .symlink, mode: 0o777, linkTarget: target)
    }

    public static func hardLink(_ path: String, target: String) -> TarEntry {
        TarEntry(path: path, kind: .hardLink, mode: 0o644, linkTarget: target)
    }

    public static func characterDevice(_ path: String, major: UInt32, minor: UInt32, mode: UInt32 = 0o666) -> TarEntry {
        TarEntry(path: path, kind: .characterDevice, mode: mode, deviceMajor: major, deviceMinor: minor)
    }

    public static func fifo(_ path: String, mode: UInt32 = 0o644) -> TarEntry {
        TarEntry(path: path, kind: .fifo, mode: mode)
    }
}

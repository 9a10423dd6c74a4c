import KernelInterface

/// Hands out inode numbers across the machine, in creation order, and owns every filesystem
/// ever made, so an inode (whose filesystem reference is unowned) never outlives its own.
final class InodeNumbers {
    private var next: UInt64 = 2
    var filesystems: [Filesystem] = []
    func allocate() -> UInt64 {
        next += 1
        return next
    }

    /// A directory and its entries hold each other (an entry holds its parent, as a dentry
    /// holds its `d_parent`): the links are undone here so that the trees go with the machine.
    deinit {
        for filesystem in filesystems { filesystem.dismantle() }
    }
}

/// A file of any kind in the simulated VFS. One class with the fields each kind uses, as an
/// ext2 inode has: directories keep `entries` (and `parent` for `..`), regular files `data`,
/// symlinks `linkTarget`, FIFOs a `pipe` while open, sockets the `socket` bound there.
final class Inode {
    let number: UInt64
    unowned let filesystem: Filesystem
    var kind: FileKind
    var permissions: UInt32
    var uid: UInt32 = 0
    var gid: UInt32 = 0
    var modified: Int64 = VirtualClock.epoch
    var linkCount: UInt32 = 1

    var entries: [String: Inode] = [:]
    /// The directory that last linked this inode: `..` for a directory, and where d_path
    /// finds a file's name. Held, as a dentry holds its parent: a weak reference here gave
    /// every directory a side table, and each step of every path walk paid for it.
    var parent: Inode?
    var data: [UInt8] = []
    var linkTarget = ""
    var deviceNumber: (major: UInt32, minor: UInt32) = (0, 0)
    var pipe: Pipe?
    var socket: Socket?
    /// A devpts slave node's pseudo-terminal, while its master is open.
    var terminal: PseudoTerminal?
    var host: HostNode?
    var synthetic: SyntheticFile?
    /// procfs's "magic links" (`/proc/PID/fd/N`, `/proc/PID/ns/mnt`): following one jumps to
    /// the object itself rather than to a path.
    var magic: (() -> MagicTarget?)?
    /// Directories whose entries are computed on every lookup (procfs).
    var provider: DirectoryProvider?
    var overlay: OverlayNode?
    var cgroup: CGroup?
    /// Extended attributes; overlay's `trusted.overlay.opaque` lives here.
    var xattrs: [String: [UInt8]] = [:]
    /// How many mounts (in any namespace, attached or not yet freed) have this inode as their
    /// mount point: while it is 0, a path walk need not look for a mount here.
    var mountsHere = 0

    init(filesystem: Filesystem, kind: FileKind, permissions: UInt32) {
        self.number = filesystem.numbers.allocate()
        self.filesystem = filesystem
        self.kind = kind
        self.permissions = permissions
        if kind == .directory { linkCount = 2 }
    }

    var size: Int64 {
        switch kind {
        case .regular: return Int64(overlay.map { $0.current.data.count } ?? data.count)
        case .symlink: return Int64(linkTarget.utf8.count)
        case .directory: return 4096
        default: return 0
        }
    }

    /// Whether the file is an overlay whiteout (a character device 0/0).
    var isWhiteout: Bool { kind == .characterDevice && deviceNumber.major == 0 && deviceNumber.minor == 0 }

    func status(device: UInt64) -> FileStatus {
        let real = overlay?.current ?? self
        return FileStatus(
            kind: real.kind, permissions: real.permissions, size: real.size, uid: real.uid, gid: real.gid,
            inode: real.number, device: device, linkCount: real.linkCount, modified: real.modified,
            deviceNumber: real.deviceNumber)
    }
}

/// Where a magic link leads.
enum MagicTarget {
    case location(Location)
    case file(OpenFile)
    case namespace(NamespaceHandle)
}

/// A host-backed file: the console, a trace file, a stdin source.
final class HostNode {
    let write: (@Sendable ([UInt8]) -> Void)?
    let read: (@Sendable (Int) -> [UInt8])?
    /// Calls on a trace file are neither counted for fault injection nor faulted.
    let isTraceFile: Bool
    init(write: (@Sendable ([UInt8]) -> Void)?, read: (@Sendable (Int) -> [UInt8])?, isTraceFile: Bool) {
        self.write = write
        self.read = read
        self.isTraceFile = isTraceFile
    }
}

/// A procfs or cgroupfs file: its text is produced when opened (as seq_file does), writes go to
/// a handler at once.
final class SyntheticFile {
    let read: (SimProcess) -> [UInt8]
    let write: ((SimProcess, [UInt8]) throws -> Void)?
    init(read: @escaping (SimProcess) -> [UInt8], write: ((SimProcess, [UInt8]) throws -> Void)? = nil) {
        self.read = read
        self.write = write
    }
}

/// A directory whose entries are computed for the looking process (procfs).
final class DirectoryProvider {
    let names: (SimProcess) -> [String]
    let lookup: (SimProcess, String) -> Inode?
    init(names: @escaping (SimProcess) -> [String], lookup: @escaping (SimProcess, String) -> Inode?) {
        self.names = names
        self.lookup = lookup
    }
}

/// A mounted filesystem instance (a superblock): its device number, type and root.
final class Filesystem {
    let device: UInt64
    let type: String
    let source: String
    unowned let numbers: InodeNumbers
    var options: String
    private var madeRoot: Inode?
    var root: Inode {
        if let madeRoot { return madeRoot }
        let root = Inode(filesystem: self, kind: .directory, permissions: 0o755)
        madeRoot = root
        return root
    }

    init(device: UInt64, type: String, source: String, numbers: InodeNumbers, options: String = "") {
        self.device = device
        self.type = type
        self.source = source
        self.numbers = numbers
        self.options = options
        numbers.filesystems.append(self)
    }

    func makeInode(_ kind: FileKind, permissions: UInt32) -> Inode {
        Inode(filesystem: self, kind: kind, permissions: permissions)
    }

    /// Unlinks the whole tree, so that directories and entries no longer hold each other: the
    /// stored entries, and an overlay's merged entries (wrappers) looked up so far.
    func dismantle() {
        var directories = madeRoot.map { [$0] } ?? []
        while let directory = directories.popLast() {
            let children = Array(directory.entries.values) + (directory.overlay?.takeChildren() ?? [])
            for child in children {
                child.parent = nil
                if child.kind == .directory { directories.append(child) }
            }
            directory.entries = [:]
        }
    }
}

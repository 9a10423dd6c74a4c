import CLinux
import Glibc
import KernelInterface

/// Reading and writing open files.
extension LinuxKernel {
    /// The corresponding C function is `open(2)`.
    public func open(_ path: String, _ flags: OpenFlags, mode: UInt32) throws -> FileDescriptor {
        FileDescriptor(try retrying("open") { Glibc.open(path, flags.rawValue, mode_t(mode)) })
    }

    /// The corresponding C function is `close(2)`. Never retried: after `EINTR` Linux has
    /// already released the descriptor, and another thread may have been given its number.
    public func close(_ fd: FileDescriptor) throws {
        let result = Glibc.close(fd.rawValue)
        if result == -1 && errno != EINTR { throw failure("close", errno) }
    }

    /// The corresponding C function is `read(2)`.
    public func read(_ fd: FileDescriptor, count: Int) throws -> [UInt8] {
        precondition(count >= 0, "read: a negative count")
        // Not zeroed first: a read of a small file into a 64 KiB buffer would spend more on the
        // memset than on the read.
        return try [UInt8](unsafeUninitializedCapacity: count) { bytes, initialized in
            initialized = try retrying("read") { Glibc.read(fd.rawValue, bytes.baseAddress, bytes.count) }
        }
    }

    /// The corresponding C function is `write(2)`.
    public func write(_ fd: FileDescriptor, _ bytes: [UInt8]) throws -> Int {
        try bytes.withUnsafeBytes { buffer in
            try retrying("write") { Glibc.write(fd.rawValue, buffer.baseAddress, buffer.count) }
        }
    }

    /// The corresponding C function is `lseek(2)`.
    public func lseek(_ fd: FileDescriptor, offset: Int64, whence: Int32) throws -> Int64 {
        Int64(try once("lseek") { Glibc.lseek(fd.rawValue, off_t(offset), whence) })
    }

    /// The corresponding C function is `fstat(2)`.
    public func fstat(_ fd: FileDescriptor) throws -> FileStatus {
        var status = Glibc.stat()
        _ = try once("fstat") { Glibc.fstat(fd.rawValue, &status) }
        return FileStatus(status)
    }

    /// The corresponding C function is `ftruncate(2)`.
    public func ftruncate(_ fd: FileDescriptor, length: Int64) throws {
        _ = try retrying("ftruncate") { Glibc.ftruncate(fd.rawValue, off_t(length)) }
    }
}

extension FileStatus {
    /// The fields of a `struct stat` the engine reads.
    init(_ status: Glibc.stat) {
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        let device = UInt64(status.st_rdev)
        self.init(
            kind: FileKind(mode: UInt32(status.st_mode)), permissions: UInt32(status.st_mode) & 0o7777,
            size: Int64(status.st_size), uid: status.st_uid, gid: status.st_gid, inode: UInt64(status.st_ino),
            device: UInt64(status.st_dev), linkCount: UInt32(status.st_nlink), modified: modified,
            deviceNumber: (gb_major(device), gb_minor(device))
        )
    }
}

extension FileKind {
    /// The kind from `st_mode`'s `S_IFMT` bits.
    init(mode: UInt32) {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFDIR): self = .directory
        case UInt32(S_IFLNK): self = .symlink
        case UInt32(S_IFIFO): self = .fifo
        case UInt32(S_IFSOCK): self = .socket
        case UInt32(S_IFCHR): self = .characterDevice
        case UInt32(S_IFBLK): self = .blockDevice
        default: self = .regular
        }
    }

    /// The kind from a `d_type` (`DT_*`), nil for `DT_UNKNOWN`.
    init?(directoryType: UInt8) {
        switch Int(directoryType) {
        case Int(DT_REG): self = .regular
        case Int(DT_DIR): self = .directory
        case Int(DT_LNK): self = .symlink
        case Int(DT_FIFO): self = .fifo
        case Int(DT_SOCK): self = .socket
        case Int(DT_CHR): self = .characterDevice
        case Int(DT_BLK): self = .blockDevice
        default: return nil
        }
    }
}

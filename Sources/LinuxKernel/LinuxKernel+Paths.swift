import CLinux
import Glibc
import KernelInterface

/// Files and directories by path.
extension LinuxKernel {
    /// The corresponding C function is `stat(2)` (spelled `fstatat(AT_FDCWD, path, 0)`, as
    /// Swift cannot tell glibc's `stat` function from its struct).
    public func stat(_ path: String) throws -> FileStatus {
        var status = Glibc.stat()
        _ = try once("stat") { fstatat(AT_FDCWD, path, &status, 0) }
        return FileStatus(status)
    }

    /// The corresponding C function is `statfs(2)`.
    public func statfs(_ path: String) throws -> FileSystemStatus {
        var type: UInt64 = 0
        var flags: UInt64 = 0
        _ = try once("statfs") { gb_statfs(path, &type, &flags) }
        return FileSystemStatus(type: type, flags: MountFlags(rawValue: UInt(flags)).intersection(FileSystemStatus.reportedFlags))
    }

    /// The corresponding C function is `lstat(2)`.
    public func lstat(_ path: String) throws -> FileStatus {
        var status = Glibc.stat()
        _ = try once("lstat") { Glibc.lstat(path, &status) }
        return FileStatus(status)
    }

    /// The corresponding C function is `mkdir(2)`.
    public func mkdir(_ path: String, mode: UInt32) throws {
        _ = try once("mkdir") { Glibc.mkdir(path, mode_t(mode)) }
    }

    /// The corresponding C function is `rmdir(2)`.
    public func rmdir(_ path: String) throws {
        _ = try once("rmdir") { Glibc.rmdir(path) }
    }

    /// The corresponding C function is `unlink(2)`.
    public func unlink(_ path: String) throws {
        _ = try once("unlink") { Glibc.unlink(path) }
    }

    /// The corresponding C function is `rename(2)`.
    public func rename(_ from: String, _ to: String) throws {
        _ = try once("rename") { Glibc.rename(from, to) }
    }

    /// The corresponding C function is `symlink(2)`.
    public func symlink(_ target: String, _ path: String) throws {
        _ = try once("symlink") { Glibc.symlink(target, path) }
    }

    /// The corresponding C function is `readlink(2)`.
    public func readlink(_ path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        let length = try once("readlink") { Glibc.readlink(path, &buffer, buffer.count) }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The corresponding C function is `link(2)`.
    public func link(_ existing: String, _ new: String) throws {
        _ = try once("link") { Glibc.link(existing, new) }
    }

    /// The corresponding C function is `chmod(2)`.
    public func chmod(_ path: String, mode: UInt32) throws {
        _ = try once("chmod") { Glibc.chmod(path, mode_t(mode)) }
    }

    /// The corresponding C function is `lchown(2)`.
    public func lchown(_ path: String, uid: UInt32, gid: UInt32) throws {
        _ = try once("lchown") { Glibc.lchown(path, uid, gid) }
    }

    /// The corresponding C function is `lsetxattr(2)`.
    public func setxattr(_ path: String, _ name: String, _ value: [UInt8]) throws {
        _ = try once("lsetxattr") { value.withUnsafeBytes { gb_lsetxattr(path, name, $0.baseAddress, UInt($0.count)) } }
    }

    /// The corresponding C function is `lgetxattr(2)`: asked for the size first, then the value
    /// (retried if the attribute grew in between).
    public func getxattr(_ path: String, _ name: String) throws -> [UInt8] {
        while true {
            let size = try once("lgetxattr") { gb_lgetxattr(path, name, nil, 0) }
            var value = [UInt8](repeating: 0, count: size)
            let read = value.withUnsafeMutableBytes { gb_lgetxattr(path, name, $0.baseAddress, UInt($0.count)) }
            if read >= 0 { return Array(value[..<read]) }
            if errno != ERANGE { throw failure("lgetxattr", errno) }
        }
    }

    /// The corresponding C function is `mknod(2)` (`mkfifo(3)` for a FIFO). Other kinds are
    /// `EINVAL`, as mknod(2) answers for a directory.
    public func mknod(_ path: String, kind: FileKind, mode: UInt32, major: UInt32, minor: UInt32) throws {
        let type: UInt32
        switch kind {
        case .fifo: type = UInt32(S_IFIFO)
        case .characterDevice: type = UInt32(S_IFCHR)
        case .blockDevice: type = UInt32(S_IFBLK)
        case .regular, .directory, .symlink, .socket: throw Errno.EINVAL
        }
        _ = try once("mknod") { Glibc.mknod(path, mode_t(type | mode & 0o7777), dev_t(gb_makedev(major, minor))) }
    }

    /// The corresponding C functions are `opendir(3)`, `readdir(3)` and `closedir(3)` (which
    /// call `getdents64(2)`), reading the whole directory. An entry whose file system does not
    /// report its type (`DT_UNKNOWN`) is `lstat(2)`-ed.
    public func readdir(_ path: String) throws -> [DirectoryEntry] {
        guard let directory = opendir(path) else { throw failure("opendir", errno) }
        defer { closedir(directory) }
        var entries: [DirectoryEntry] = []
        while true {
            errno = 0
            guard let entry = Glibc.readdir(directory) else {
                if errno != 0 { throw failure("readdir", errno) }
                return entries
            }
            let name = string(fromCArray: entry.pointee.d_name)
            let kind = try FileKind(directoryType: entry.pointee.d_type) ?? lstat(joinPath(path, name)).kind
            entries.append(DirectoryEntry(name: name, kind: kind, inode: UInt64(entry.pointee.d_ino)))
        }
    }

    /// The corresponding C function is `chdir(2)`.
    public func chdir(_ path: String) throws {
        _ = try once("chdir") { Glibc.chdir(path) }
    }

    /// The corresponding C function is `getcwd(2)`.
    public func getcwd() throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        guard Glibc.getcwd(&buffer, buffer.count) != nil else { throw failure("getcwd", errno) }
        return string(fromNulTerminated: buffer)
    }
}

/// The text before the first NUL of `buffer`.
func string(fromNulTerminated buffer: [CChar]) -> String {
    let length = buffer.firstIndex(of: 0) ?? buffer.count
    return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

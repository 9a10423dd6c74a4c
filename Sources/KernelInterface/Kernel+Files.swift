/// Conveniences built only from `Kernel` calls, so each still shows in a trace as the syscalls
/// it makes.
extension Kernel {
    /// Writes all of `bytes`, looping over short writes.
    public func writeAll(_ fd: FileDescriptor, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = try write(fd, offset == 0 ? bytes : Array(bytes[offset...]))
            if written <= 0 { throw Errno.EIO }
            offset += written
        }
    }

    public func writeAll(_ fd: FileDescriptor, _ text: String) throws {
        try writeAll(fd, Array(text.utf8))
    }

    /// Reads until end of file.
    public func readAll(_ fd: FileDescriptor, chunk: Int = 65536) throws -> [UInt8] {
        var out: [UInt8] = []
        while true {
            let bytes = try read(fd, count: chunk)
            if bytes.isEmpty { return out }
            out += bytes
        }
    }

    /// open + read to the end + close.
    public func readFile(_ path: String) throws -> [UInt8] {
        let fd = try open(path, [.readOnly, .closeOnExec], mode: 0)
        defer { try? close(fd) }
        return try readAll(fd)
    }

    public func readTextFile(_ path: String) throws -> String {
        String(decoding: try readFile(path), as: UTF8.self)
    }

    /// open(O_CREAT|O_TRUNC) + write + close.
    public func writeFile(_ path: String, _ bytes: [UInt8], mode: UInt32 = 0o644) throws {
        let fd = try open(path, [.writeOnly, .create, .truncate, .closeOnExec], mode: mode)
        defer { try? close(fd) }
        try writeAll(fd, bytes)
    }

    public func writeFile(_ path: String, _ text: String, mode: UInt32 = 0o644) throws {
        try writeFile(path, Array(text.utf8), mode: mode)
    }

    /// Whether `path` exists (lstat succeeds).
    public func exists(_ path: String) -> Bool {
        (try? lstat(path)) != nil
    }

    /// `mkdir -p`, as Go's `os.MkdirAll` (which runc, containerd and dockerd all call): one
    /// stat(2) when the directory is already there; otherwise the parent first, then mkdir(2),
    /// and a directory that appeared meanwhile (EEXIST) is not an error.
    public func mkdirAll(_ path: String, mode: UInt32 = 0o755) throws {
        if let status = try? stat(path) {
            guard status.kind == .directory else { throw Errno.ENOTDIR }
            return
        }
        var end = path.utf8.endIndex
        while end > path.utf8.startIndex, path.utf8[path.utf8.index(before: end)] == UInt8(ascii: "/") {
            end = path.utf8.index(before: end)
        }
        var parentEnd = end
        while parentEnd > path.utf8.startIndex, path.utf8[path.utf8.index(before: parentEnd)] != UInt8(ascii: "/") {
            parentEnd = path.utf8.index(before: parentEnd)
        }
        // The parent without its trailing slash; "/" itself is never made.
        if path.utf8.distance(from: path.utf8.startIndex, to: parentEnd) > 1 {
            try mkdirAll(String(path[..<path.utf8.index(before: parentEnd)]), mode: mode)
        }
        do {
            try mkdir(path, mode: mode)
        } catch {
            if let status = try? lstat(path), status.kind == .directory { return }
            throw error
        }
    }

    /// `rm -rf`: removes a file or a whole tree; a missing path is not an error. Does not cross
    /// into mounts' contents beyond what unlink/rmdir allow (a busy mount point fails `EBUSY`).
    public func removeAll(_ path: String) throws {
        let status: FileStatus
        do { status = try lstat(path) } catch Errno.ENOENT { return }
        if status.kind == .directory {
            for entry in try readdir(path) where entry.name != "." && entry.name != ".." {
                try removeAll(path + "/" + entry.name)
            }
            try rmdir(path)
        } else {
            try unlink(path)
        }
    }

    /// Finds `name` in the `PATH` of `environment`, as execvp(3) and Go's `exec.LookPath` do.
    /// A name with a slash is returned as is. Throws `ENOENT` when no directory has it.
    public func lookPath(_ name: String, environment: [String]) throws -> String {
        if name.contains("/") { return name }
        let path = environment.last(where: { $0.hasPrefix("PATH=") }).map { String($0.dropFirst(5)) }
            ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        var sawPermissionDenied = false
        for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
            guard let status = try? stat(candidate), status.kind == .regular else { continue }
            if status.permissions & 0o111 != 0 { return candidate }
            sawPermissionDenied = true
        }
        throw sawPermissionDenied ? Errno.EACCES : Errno.ENOENT
    }
}

/// Joins path components with single slashes.
public func joinPath(_ base: String, _ rest: String) -> String {
    if rest.isEmpty { return base }
    if base.isEmpty { return rest }
    let left = base.hasSuffix("/") ? String(base.dropLast()) : base
    let right = rest.hasPrefix("/") ? String(rest.dropFirst()) : rest
    return left + "/" + right
}

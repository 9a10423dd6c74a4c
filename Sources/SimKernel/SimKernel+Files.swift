import KernelInterface

/// Descriptor I/O: read(2), write(2), lseek(2), fstat(2), ftruncate(2), close(2).
extension SimKernel {
    /// openat(2) with `AT_FDCWD`. Simplified: no O_TMPFILE, no atime.
    public func open(_ path: String, _ flags: OpenFlags, mode: UInt32) throws -> FileDescriptor {
        try call(counted: !isTracePath(path)) { thread in
            let file = try machine.openFile(path, flags, mode: mode, thread: thread)
            return try machine.install(file, in: process, closeOnExec: flags.contains(.closeOnExec))
        }
    }

    /// close(2): the description is released with its last descriptor (a pipe end, a socket).
    /// The descriptor is gone even when the call fails (an injected fault included), as on Linux.
    public func close(_ fd: FileDescriptor) throws {
        try call(counted: !isTraceFile(fd), faultAfter: true) { _ in try process.files.close(fd) }
    }

    /// read(2). Pipes, sockets and FIFOs block while empty (EAGAIN with O_NONBLOCK); a plain
    /// read(2) on a socket drops any descriptors that came with the bytes, as Linux does.
    public func read(_ fd: FileDescriptor, count: Int) throws -> [UInt8] {
        try call(counted: !isTraceFile(fd)) { thread in
            let file = try file(fd)
            guard !file.isPathOnly, file.flags.canRead else { throw Errno.EBADF }
            switch file.object {
            case let .inode(inode):
                return try machine.readInode(inode, file, count: count)
            case let .pipe(pipe, _):
                return try machine.readPipe(pipe, file, count: count, thread: thread)
            case let .socket(socket):
                let (bytes, files) = try machine.receive(socket, file, count: count, thread: thread)
                files.forEach { $0.release() }
                return bytes
            case let .terminal(terminal, side):
                return try machine.readTerminal(terminal, side, file, count: count, thread: thread)
            case .namespace:
                throw Errno.EINVAL
            }
        }
    }

    /// write(2). Regular files honour O_APPEND; pipes and sockets with no reader raise SIGPIPE
    /// and fail EPIPE.
    public func write(_ fd: FileDescriptor, _ bytes: [UInt8]) throws -> Int {
        try call(counted: !isTraceFile(fd)) { thread in
            let file = try file(fd)
            guard !file.isPathOnly, file.flags.canWrite else { throw Errno.EBADF }
            switch file.object {
            case let .inode(inode):
                return try machine.writeInode(inode, file, bytes, process: process)
            case let .pipe(pipe, _):
                return try machine.writePipe(pipe, file, bytes, thread: thread)
            case let .socket(socket):
                return try machine.send(socket, bytes, files: [], thread: thread)
            case let .terminal(terminal, side):
                return try machine.writeTerminal(terminal, side, bytes)
            case .namespace:
                throw Errno.EINVAL
            }
        }
    }

    /// lseek(2): ESPIPE on pipes and sockets.
    public func lseek(_ fd: FileDescriptor, offset: Int64, whence: Int32) throws -> Int64 {
        try call { _ in
            let file = try file(fd)
            guard case let .inode(inode) = file.object else { throw Errno.ESPIPE }
            let end = Int64(file.snapshot?.count ?? inode.data.count)
            let base: Int64
            switch whence {
            case 0: base = 0
            case 1: base = file.offset
            case 2: base = end
            default: throw Errno.EINVAL
            }
            let position = base + offset
            guard position >= 0 else { throw Errno.EINVAL }
            file.offset = position
            return position
        }
    }

    /// fstat(2): for a file, its status on the device of the mount it was opened through.
    public func fstat(_ fd: FileDescriptor) throws -> FileStatus {
        try call { _ in machine.status(of: try file(fd)) }
    }

    /// ftruncate(2): EINVAL unless a regular file open for writing.
    public func ftruncate(_ fd: FileDescriptor, length: Int64) throws {
        try call { _ in
            let file = try file(fd)
            guard case let .inode(inode) = file.object, inode.kind == .regular, file.flags.canWrite, length >= 0 else {
                throw Errno.EINVAL
            }
            let size = Int(length)
            if size < inode.data.count {
                inode.data.removeLast(inode.data.count - size)
            } else {
                inode.data += [UInt8](repeating: 0, count: size - inode.data.count)
            }
            inode.modified = machine.clock.now
        }
    }
}

extension SimMachine {
    func readInode(_ inode: Inode, _ file: OpenFile, count: Int) throws -> [UInt8] {
        if inode.kind == .directory { throw Errno.EISDIR }
        if let host = inode.host { return host.read?(count) ?? [] }
        if inode.kind == .characterDevice || inode.kind == .blockDevice { return try readDevice(inode, count: count) }
        let data = file.snapshot ?? inode.data
        let start = Int(min(file.offset, Int64(data.count)))
        let end = min(data.count, start + count)
        file.offset = Int64(end)
        return Array(data[start..<end])
    }

    func writeInode(_ inode: Inode, _ file: OpenFile, _ bytes: [UInt8], process: SimProcess) throws -> Int {
        if let host = inode.host {
            guard let write = host.write else { throw Errno.EBADF }
            write(bytes)
            return bytes.count
        }
        if let synthetic = inode.synthetic {
            guard let write = synthetic.write else { throw Errno.EACCES }
            try write(process, bytes)
            return bytes.count
        }
        if inode.kind == .characterDevice || inode.kind == .blockDevice { return try writeDevice(inode, bytes) }
        if file.flags.contains(.append) { file.offset = Int64(inode.data.count) }
        let start = Int(file.offset)
        if start > inode.data.count { inode.data += [UInt8](repeating: 0, count: start - inode.data.count) }
        let overlap = min(bytes.count, inode.data.count - start)
        if overlap > 0 { inode.data.replaceSubrange(start..<start + overlap, with: bytes[0..<overlap]) }
        if overlap < bytes.count { inode.data += bytes[overlap...] }
        file.offset += Int64(bytes.count)
        inode.modified = clock.now
        return bytes.count
    }

    /// fstat(2) of a description: the file's status on the device of the mount it was opened
    /// through; pipes and sockets on the anonymous filesystem; namespaces as nsfs inodes whose
    /// number is the namespace id.
    func status(of file: OpenFile) -> FileStatus {
        switch file.object {
        case let .namespace(handle):
            return FileStatus(kind: .regular, permissions: 0o444, size: 0, inode: handle.id, device: 4, modified: VirtualClock.epoch)
        case let .inode(inode):
            return inode.status(device: file.location?.mount.filesystem.device ?? inode.filesystem.device)
        case let .pipe(pipe, _):
            return pipe.inode.status(device: file.location?.mount.filesystem.device ?? anonymousFilesystem.device)
        case let .socket(socket):
            return socket.inode.status(device: anonymousFilesystem.device)
        case let .terminal(terminal, side):
            return (side == .master ? terminal.master : terminal.slave).status(device: terminal.slave.filesystem.device)
        }
    }
}

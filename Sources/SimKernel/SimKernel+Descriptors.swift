import KernelInterface

/// Descriptor calls: dup(2), dup3(2), fcntl(2), pipe2(2), poll(2).
extension SimKernel {
    /// dup(2): the lowest free descriptor, sharing the description (offset, status flags).
    public func dup(_ fd: FileDescriptor) throws -> FileDescriptor {
        try call(counted: !isTraceFile(fd)) { _ in
            try process.files.install(try file(fd), closeOnExec: false)
        }
    }

    /// dup3(2); dup2(2) of a descriptor onto itself is a no-op, as Linux.
    public func dup2(_ fd: FileDescriptor, _ target: FileDescriptor, closeOnExec: Bool) throws {
        try call(counted: !isTraceFile(fd)) { _ in
            let file = try file(fd)
            if fd == target {
                if closeOnExec { throw Errno.EINVAL }
                return
            }
            try process.files.install(file, at: target, closeOnExec: closeOnExec)
        }
    }

    /// fcntl(2) `F_SETFD`: close-on-exec belongs to the descriptor, not the description.
    public func setCloseOnExec(_ fd: FileDescriptor, _ on: Bool) throws {
        try call(counted: !isTraceFile(fd)) { _ in try process.files.setCloseOnExec(fd, on) }
    }

    /// F_SETFL O_NONBLOCK: a status flag of the description, so every descriptor sharing it sees it.
    public func setNonBlocking(_ fd: FileDescriptor, _ on: Bool) throws {
        try call(counted: !isTraceFile(fd)) { _ in
            let file = try file(fd)
            if on { file.flags.insert(.nonBlocking) } else { file.flags.remove(.nonBlocking) }
        }
    }

    /// pipe2(2): a 64 KiB pipe on the anonymous filesystem.
    public func pipe(closeOnExec: Bool) throws -> (read: FileDescriptor, write: FileDescriptor) {
        try call { _ in
            let inode = machine.anonymousFilesystem.makeInode(.fifo, permissions: 0o600)
            let pipe = Pipe(inode: inode)
            let reader = machine.openPipeEnd(pipe, .read, flags: .readOnly, location: nil)
            let writer = machine.openPipeEnd(pipe, .write, flags: .writeOnly, location: nil)
            let readFD = try machine.install(reader, in: process, closeOnExec: closeOnExec)
            do {
                let writeFD = try machine.install(writer, in: process, closeOnExec: closeOnExec)
                return (readFD, writeFD)
            } catch {
                try? process.files.close(readFD)
                throw error
            }
        }
    }

    /// poll(2) for POLLIN: returns the ready subset, waiting up to the timeout (0 does not wait).
    public func pollReadable(_ fds: [FileDescriptor], timeoutNanoseconds: Int64?) throws -> [FileDescriptor] {
        try call { thread in
            let files = try fds.map { try file($0) }
            let ready = { zip(fds, files).filter { SimMachine.isReadable($0.1) }.map(\.0) }
            var found = ready()
            if !found.isEmpty || timeoutNanoseconds == 0 { return found }
            let deadline = timeoutNanoseconds.map { machine.clock.now + max(0, $0) }
            try machine.block(thread, "poll on \(fds.map(\.rawValue))", deadline: deadline) { !ready().isEmpty }
            found = ready()
            return found
        }
    }
}

extension SimMachine {
    static func isReadable(_ file: OpenFile) -> Bool {
        switch file.object {
        case let .pipe(pipe, end): return end != .write && pipe.isReadable
        case let .socket(socket): return socket.isReadable
        case let .terminal(terminal, side): return side == .master ? terminal.masterReadable : terminal.slaveReadable
        case .inode, .namespace: return file.flags.canRead
        }
    }
}

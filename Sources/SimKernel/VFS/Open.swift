import KernelInterface

/// open(2): path lookup (with O_CREAT's create-or-open), procfs magic links, the permission
/// and read-only checks, overlay copy-up before a write, and FIFO opens that wait for a peer.
extension SimMachine {
    func openFile(_ path: String, _ flags: OpenFlags, mode: UInt32, thread: SimThread) throws -> OpenFile {
        let process = thread.process
        var location: Location
        var created = false
        if flags.contains(.create) {
            let (directory, name) = try resolveParent(path, for: process)
            if let existing = lookupChild(directory, name, for: process) {
                if flags.contains(.exclusive) { throw Errno.EEXIST }
                location = process.mountNamespace.followMounts(Location(mount: directory.mount, inode: existing))
                if existing.kind == .symlink {
                    if flags.contains(.noFollow) { throw Errno.ELOOP }
                    return try openFile(path, flags.subtracting([.create, .exclusive]), mode: mode, thread: thread)
                }
            } else {
                if name == "." || name == ".." { throw Errno.EISDIR }
                try checkWritable(directory, for: process)
                let inode = makeInode(.regular, permissions: mode & ~process.credentials.umask, in: directory, for: process)
                location = Location(mount: directory.mount, inode: try addEntry(inode, named: name, to: directory, for: process))
                created = true
            }
        } else {
            location = try resolve(path, for: process, followFinal: false)
            if location.inode.kind == .symlink {
                if let magic = location.inode.magic, !(flags.contains(.noFollow) && flags.contains(.path)) {
                    guard let target = magic() else { throw Errno.ENOENT }
                    switch target {
                    case let .location(place): location = place
                    case let .file(file): return try reopen(file, flags)
                    case let .namespace(handle): return OpenFile(.namespace(handle), flags: flags, location: nil)
                    }
                } else if flags.contains(.noFollow) {
                    if !flags.contains(.path) { throw Errno.ELOOP }
                } else {
                    location = try resolve(path, for: process)
                }
            }
        }
        return try open(location, flags, thread: thread, created: created)
    }

    /// Opens what `location` holds, by kind.
    func open(_ location: Location, _ flags: OpenFlags, thread: SimThread, created: Bool = false) throws -> OpenFile {
        let process = thread.process
        let inode = location.inode
        if flags.contains(.path) { return OpenFile(.inode(inode), flags: flags, location: location) }
        let real = inode.overlay?.current ?? inode
        if flags.contains(.directory), real.kind != .directory { throw Errno.ENOTDIR }
        if !created {
            let want: UInt32 = (flags.canRead ? 0o4 : 0) | (flags.canWrite ? 0o2 : 0)
            guard mayAccess(inode, want, process.credentials) else { throw Errno.EACCES }
        }
        switch real.kind {
        case .directory:
            if flags.canWrite { throw Errno.EISDIR }
            return OpenFile(.inode(inode), flags: flags, location: location)
        case .regular:
            if flags.canWrite, location.mount.isReadOnly, real.host == nil { throw Errno.EROFS }
            var target = real
            if let overlay = inode.overlay, flags.canWrite || flags.contains(.truncate) {
                target = try overlay.copyUp(now: clock.now)
            }
            let file = OpenFile(.inode(target), flags: flags, location: location)
            if let synthetic = target.synthetic { file.snapshot = synthetic.read(process) }
            if flags.contains(.truncate), flags.canWrite, target.host == nil, target.synthetic == nil {
                target.data = []
                target.modified = clock.now
            }
            return file
        case .fifo:
            return try openFIFO(real, flags, location: location, thread: thread)
        case .socket:
            throw Errno.ENXIO
        case .characterDevice, .blockDevice:
            if real.deviceNumber == (5, 0) { throw Errno.ENXIO }
            if let terminal = try openTerminal(real, flags, location: location, process: process) { return terminal }
            return OpenFile(.inode(real), flags: flags, location: location)
        case .symlink:
            throw Errno.ELOOP
        }
    }

    /// A FIFO open: read-only waits for a writer, write-only for a reader (ENXIO at once when
    /// non-blocking), read-write never waits, as fifo_open does.
    func openFIFO(_ inode: Inode, _ flags: OpenFlags, location: Location, thread: SimThread) throws -> OpenFile {
        let pipe = inode.pipe ?? Pipe(inode: inode)
        inode.pipe = pipe
        let nonBlocking = flags.contains(.nonBlocking)
        switch flags.access {
        case .readWrite:
            return openPipeEnd(pipe, .both, flags: flags, location: location)
        case .read:
            let file = openPipeEnd(pipe, .read, flags: flags, location: location)
            if pipe.writers == 0, !nonBlocking {
                let seen = pipe.writerOpens
                try waitOrRelease(file, thread, "open of FIFO \(inode.number) for reading (no writer)") {
                    pipe.writers > 0 || pipe.writerOpens != seen
                }
            }
            return file
        case .write:
            if pipe.readers == 0, nonBlocking { throw Errno.ENXIO }
            let file = openPipeEnd(pipe, .write, flags: flags, location: location)
            if pipe.readers == 0 {
                let seen = pipe.readerOpens
                try waitOrRelease(file, thread, "open of FIFO \(inode.number) for writing (no reader)") {
                    pipe.readers > 0 || pipe.readerOpens != seen
                }
            }
            return file
        }
    }

    private func waitOrRelease(_ file: OpenFile, _ thread: SimThread, _ reason: String, until ready: @escaping () -> Bool) throws {
        do {
            try block(thread, reason, until: ready)
        } catch {
            file.retain()
            file.release()
            throw error
        }
    }

    /// Opening `/proc/PID/fd/N` on a pipe or socket: a new description of the same object.
    func reopen(_ file: OpenFile, _ flags: OpenFlags) throws -> OpenFile {
        switch file.object {
        case let .pipe(pipe, _):
            let end: PipeEnd = flags.access == .readWrite ? .both : flags.access == .write ? .write : .read
            return openPipeEnd(pipe, end, flags: flags, location: nil)
        case .socket:
            throw Errno.ENXIO
        case let .terminal(terminal, side):
            guard side == .slave else { throw Errno.ENXIO }
            return try openSlave(terminal, flags, location: file.location)
        case let .namespace(handle):
            return OpenFile(.namespace(handle), flags: flags, location: nil)
        case let .inode(inode):
            return OpenFile(.inode(inode), flags: flags, location: file.location)
        }
    }

    /// Installs a new description, releasing it if the table is full.
    func install(_ file: OpenFile, in process: SimProcess, closeOnExec: Bool) throws -> FileDescriptor {
        do {
            return try process.files.install(file, closeOnExec: closeOnExec)
        } catch {
            file.retain()
            file.release()
            throw error
        }
    }
}

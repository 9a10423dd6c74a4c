import KernelInterface

/// The machine side of stat(2), chmod/chown and rename(2).
extension SimMachine {
    func statPath(_ path: String, follow: Bool, for process: SimProcess) throws -> FileStatus {
        var location = try resolve(path, for: process, followFinal: false)
        if follow, location.inode.kind == .symlink {
            if let magic = location.inode.magic {
                guard let target = magic() else { throw Errno.ENOENT }
                switch target {
                case let .location(place): location = place
                case let .file(file): return status(of: file)
                case let .namespace(handle): return status(of: OpenFile(.namespace(handle), flags: [], location: nil))
                }
            } else {
                location = try resolve(path, for: process)
            }
        }
        return location.inode.status(device: location.mount.filesystem.device)
    }

    /// The inode to change for chmod/chown: EROFS on a read-only mount, copied up in an overlay.
    func changeable(_ location: Location, for process: SimProcess) throws -> Inode {
        if location.mount.isReadOnly { throw Errno.EROFS }
        if let overlay = location.inode.overlay { return try overlay.copyUp(now: clock.now) }
        return location.inode
    }

    /// rename(2): EXDEV across mounts (and for directories in an overlay, which overlayfs
    /// refuses without redirect_dir), EBUSY for mount points, EINVAL for a move into itself,
    /// ENOTDIR/EISDIR/ENOTEMPTY for an incompatible target.
    func rename(_ from: String, _ to: String, for process: SimProcess) throws {
        let (fromDirectory, fromName) = try resolveParent(from, for: process)
        let (toDirectory, toName) = try resolveParent(to, for: process)
        guard let source = lookupChild(fromDirectory, fromName, for: process) else { throw Errno.ENOENT }
        if fromDirectory.mount !== toDirectory.mount { throw Errno.EXDEV }
        try checkWritable(fromDirectory, for: process)
        try checkWritable(toDirectory, for: process)
        let namespace = process.mountNamespace
        if isMountPoint(Location(mount: fromDirectory.mount, inode: source), in: namespace) { throw Errno.EBUSY }
        let existing = lookupChild(toDirectory, toName, for: process)
        if let existing {
            if existing === source { return }
            if isMountPoint(Location(mount: toDirectory.mount, inode: existing), in: namespace) { throw Errno.EBUSY }
            if source.kind == .directory {
                guard existing.kind == .directory else { throw Errno.ENOTDIR }
                if !listDirectory(Location(mount: toDirectory.mount, inode: existing), for: process).isEmpty {
                    throw Errno.ENOTEMPTY
                }
            } else if existing.kind == .directory {
                throw Errno.EISDIR
            }
        }
        if source.kind == .directory {
            var walk: Inode? = toDirectory.inode
            while let step = walk {
                if step === source { throw Errno.EINVAL }
                walk = step.parent
            }
            if fromDirectory.inode.overlay != nil || toDirectory.inode.overlay != nil { throw Errno.EXDEV }
        }
        let moved = try source.overlay?.copyUp(now: clock.now) ?? source
        try removeEntry(named: fromName, from: fromDirectory)
        if existing != nil, toDirectory.inode.overlay == nil { try removeEntry(named: toName, from: toDirectory) }
        try addEntry(moved, named: toName, to: toDirectory, for: process)
    }
}

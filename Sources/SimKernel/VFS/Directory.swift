import KernelInterface

/// Changing directories: one place that knows which mounts are read-only, which directories
/// are computed (procfs) and which are merged (overlay), so every call that creates, links,
/// removes or renames goes through the same checks.
extension SimMachine {
    /// The checks before changing `directory`: a writable mount (EROFS), a real directory, and
    /// write and search permission on it (EACCES).
    func checkWritable(_ directory: Location, for process: SimProcess) throws {
        if directory.mount.isReadOnly { throw Errno.EROFS }
        if directory.inode.provider != nil { throw Errno.EACCES }
        guard mayAccess(directory.inode, 0o3, process.credentials) else { throw Errno.EACCES }
    }

    /// A new inode for an entry of `directory`, on the filesystem that will hold it (an
    /// overlay's upper layer).
    func makeInode(_ kind: FileKind, permissions: UInt32, in directory: Location, for process: SimProcess) -> Inode {
        let filesystem = directory.inode.overlay?.layers.upper?.filesystem ?? directory.inode.filesystem
        let inode = filesystem.makeInode(kind, permissions: permissions & 0o7777)
        inode.uid = process.credentials.uid
        inode.gid = process.credentials.gid
        inode.modified = clock.now
        return inode
    }

    /// Adds `inode` as `name` and returns the entry as lookups will see it.
    @discardableResult
    func addEntry(_ inode: Inode, named name: String, to directory: Location, for process: SimProcess) throws -> Inode {
        let parent = directory.inode
        // cgroupfs (kernfs) has no create: only mkdir makes entries there.
        if parent.cgroup != nil { throw Errno.EACCES }
        if let overlay = parent.overlay {
            try overlay.insert(inode, named: name, now: clock.now)
            return overlay.child(named: name) ?? inode
        }
        parent.entries[name] = inode
        parent.modified = clock.now
        inode.parent = parent
        if inode.kind == .directory { parent.linkCount += 1 }
        return inode
    }

    func removeEntry(named name: String, from directory: Location) throws {
        let parent = directory.inode
        if let overlay = parent.overlay {
            try overlay.remove(named: name, now: clock.now)
            return
        }
        guard let removed = parent.entries.removeValue(forKey: name) else { throw Errno.ENOENT }
        parent.modified = clock.now
        if removed.kind == .directory { parent.linkCount -= 1 }
    }

    /// Whether some mount of the caller's namespace sits on `location` (EBUSY for rmdir and
    /// rename of a mount point).
    func isMountPoint(_ location: Location, in namespace: MountNamespace) -> Bool {
        namespace.mounts.contains { $0.mountpoint === location.inode && $0.parent === location.mount }
    }
}

import KernelInterface

/// Calls on paths: stat(2) and friends, mkdir/rmdir/unlink/rename/link/symlink, chmod/lchown,
/// mknod, getdents, chdir/getcwd. Each resolves as Linux's namei does (see PathResolution).
extension SimKernel {
    /// stat(2): follows symlinks, procfs magic links included.
    public func stat(_ path: String) throws -> FileStatus {
        try call { _ in try machine.statPath(path, follow: true, for: process) }
    }

    /// lstat(2): the final symlink itself.
    public func lstat(_ path: String) throws -> FileStatus {
        try call { _ in try machine.statPath(path, follow: false, for: process) }
    }

    /// statfs(2): the type of the filesystem the path lies on and the flags of its mount.
    public func statfs(_ path: String) throws -> FileSystemStatus {
        try call { _ in
            let location = try machine.resolve(path, for: process)
            return FileSystemStatus(type: FileSystemStatus.magic(of: location.mount.filesystem.type),
                                    flags: location.mount.flags.intersection(FileSystemStatus.reportedFlags))
        }
    }

    /// mkdir(2); in a cgroup2 filesystem it creates a cgroup with its control files.
    public func mkdir(_ path: String, mode: UInt32) throws {
        try call { _ in
            let (directory, name) = try machine.resolveParent(path, for: process)
            if name == "." || name == ".." || machine.lookupChild(directory, name, for: process) != nil {
                throw Errno.EEXIST
            }
            try machine.checkWritable(directory, for: process)
            if let group = directory.inode.cgroup {
                machine.makeCgroup(named: name, in: group)
                return
            }
            let inode = machine.makeInode(.directory, permissions: mode & ~process.credentials.umask, in: directory, for: process)
            try machine.addEntry(inode, named: name, to: directory, for: process)
        }
    }

    /// rmdir(2): ENOTEMPTY, EBUSY on a mount point or the caller's root, and for a cgroup with
    /// members or children.
    public func rmdir(_ path: String) throws {
        try call { _ in
            let (directory, name) = try machine.resolveParent(path, for: process)
            if name == "." { throw Errno.EINVAL }
            if name == ".." { throw Errno.ENOTEMPTY }
            guard let child = machine.lookupChild(directory, name, for: process) else { throw Errno.ENOENT }
            guard child.kind == .directory else { throw Errno.ENOTDIR }
            let location = Location(mount: directory.mount, inode: child)
            if machine.isMountPoint(location, in: process.mountNamespace) || location == process.root { throw Errno.EBUSY }
            try machine.checkWritable(directory, for: process)
            if let group = child.cgroup {
                try machine.removeCgroup(group)
                return
            }
            if !machine.listDirectory(location, for: process).isEmpty { throw Errno.ENOTEMPTY }
            try machine.removeEntry(named: name, from: directory)
        }
    }

    /// unlink(2): EISDIR for a directory, EBUSY for a mount point; in an overlay, a name that a
    /// lower layer still has is replaced by a whiteout.
    public func unlink(_ path: String) throws {
        try call { _ in
            let (directory, name) = try machine.resolveParent(path, for: process)
            guard let child = machine.lookupChild(directory, name, for: process) else { throw Errno.ENOENT }
            if child.kind == .directory { throw Errno.EISDIR }
            if machine.isMountPoint(Location(mount: directory.mount, inode: child), in: process.mountNamespace) {
                throw Errno.EBUSY
            }
            try machine.checkWritable(directory, for: process)
            try machine.removeEntry(named: name, from: directory)
            if let removed = child.overlay == nil ? child : child.overlay?.upper {
                removed.linkCount = max(0, removed.linkCount - 1)
            }
        }
    }

    /// rename(2); see `SimMachine.rename` for the errors reproduced.
    public func rename(_ from: String, _ to: String) throws {
        try call { _ in try machine.rename(from, to, for: process) }
    }

    /// symlink(2): the target is stored as given, never checked.
    public func symlink(_ target: String, _ path: String) throws {
        try call { _ in
            let (directory, name) = try machine.resolveParent(path, for: process)
            if machine.lookupChild(directory, name, for: process) != nil { throw Errno.EEXIST }
            try machine.checkWritable(directory, for: process)
            let inode = machine.makeInode(.symlink, permissions: 0o777, in: directory, for: process)
            inode.linkTarget = target
            try machine.addEntry(inode, named: name, to: directory, for: process)
        }
    }

    /// readlink(2); procfs links read as Linux prints them (`pipe:[12]`, `mnt:[4026531840]`).
    public func readlink(_ path: String) throws -> String {
        try call { _ in
            let location = try machine.resolve(path, for: process, followFinal: false)
            let inode = location.inode.overlay?.current ?? location.inode
            guard inode.kind == .symlink else { throw Errno.EINVAL }
            return inode.linkTarget
        }
    }

    /// link(2): a second name; EXDEV across mounts, EPERM for directories.
    public func link(_ existing: String, _ new: String) throws {
        try call { _ in
            let source = try machine.resolve(existing, for: process, followFinal: false)
            if source.inode.kind == .directory { throw Errno.EPERM }
            let (directory, name) = try machine.resolveParent(new, for: process)
            if machine.lookupChild(directory, name, for: process) != nil { throw Errno.EEXIST }
            if directory.mount !== source.mount { throw Errno.EXDEV }
            try machine.checkWritable(directory, for: process)
            let real = try source.inode.overlay?.copyUp(now: machine.clock.now) ?? source.inode
            try machine.addEntry(real, named: name, to: directory, for: process)
            real.linkCount += 1
        }
    }

    /// chmod(2): the owner or CAP_FOWNER.
    public func chmod(_ path: String, mode: UInt32) throws {
        try call { _ in
            let location = try machine.resolve(path, for: process)
            let inode = try machine.changeable(location, for: process)
            guard process.credentials.uid == inode.uid || process.credentials.has(Capability(rawValue: 3)) else {
                throw Errno.EPERM
            }
            inode.permissions = mode & 0o7777
        }
    }

    /// lchown(2): CAP_CHOWN; `UInt32.max` (-1) leaves an id unchanged.
    public func lchown(_ path: String, uid: UInt32, gid: UInt32) throws {
        try call { _ in
            let location = try machine.resolve(path, for: process, followFinal: false)
            try requireCapability(.chown)
            let inode = try machine.changeable(location, for: process)
            if uid != UInt32.max { inode.uid = uid }
            if gid != UInt32.max { inode.gid = gid }
        }
    }

    /// lsetxattr(2): `trusted.*` with CAP_SYS_ADMIN, `user.*` by the owner of a regular file or
    /// directory; other namespaces, and the kernel's own file systems, EOPNOTSUPP. In an
    /// overlay the file is copied up first, as overlayfs does.
    public func setxattr(_ path: String, _ name: String, _ value: [UInt8]) throws {
        try call { _ in
            let location = try machine.resolve(path, for: process, followFinal: false)
            try checkExtendedAttribute(name, of: location.inode.overlay?.current ?? location.inode)
            if name.hasPrefix("trusted.") { try requireCapability(.sysAdmin) }
            let inode = try machine.changeable(location, for: process)
            if name.hasPrefix("user."), process.credentials.uid != inode.uid, !process.credentials.has(Capability(rawValue: 3)) {
                throw Errno.EPERM
            }
            inode.xattrs[name] = value
        }
    }

    /// lgetxattr(2): an overlay file answers from its topmost layer.
    public func getxattr(_ path: String, _ name: String) throws -> [UInt8] {
        try call { _ in
            let location = try machine.resolve(path, for: process, followFinal: false)
            let inode = location.inode.overlay?.current ?? location.inode
            try checkExtendedAttribute(name, of: inode)
            if name.hasPrefix("trusted."), !process.credentials.has(.sysAdmin) { throw Errno.ENODATA }
            guard let value = inode.xattrs[name] else { throw Errno.ENODATA }
            return value
        }
    }

    private func checkExtendedAttribute(_ name: String, of inode: Inode) throws {
        guard name.hasPrefix("trusted.") || name.hasPrefix("user.") else { throw Errno.EOPNOTSUPP }
        guard ["tmpfs", "ext4", "overlay", "rootfs"].contains(inode.filesystem.type) else { throw Errno.EOPNOTSUPP }
        if name.hasPrefix("user."), inode.kind != .regular, inode.kind != .directory { throw Errno.EPERM }
    }

    /// mknod(2): FIFOs for anyone, devices with CAP_MKNOD.
    public func mknod(_ path: String, kind: FileKind, mode: UInt32, major: UInt32, minor: UInt32) throws {
        try call { _ in
            switch kind {
            case .fifo, .regular: break
            case .characterDevice, .blockDevice: try requireCapability(Credentials.mknod)
            default: throw Errno.EINVAL
            }
            let (directory, name) = try machine.resolveParent(path, for: process)
            if machine.lookupChild(directory, name, for: process) != nil { throw Errno.EEXIST }
            try machine.checkWritable(directory, for: process)
            let inode = machine.makeInode(kind, permissions: mode & ~process.credentials.umask, in: directory, for: process)
            inode.deviceNumber = (major, minor)
            try machine.addEntry(inode, named: name, to: directory, for: process)
        }
    }

    /// getdents64(2) of a whole directory: `.`, `..`, then the entries in name order.
    public func readdir(_ path: String) throws -> [DirectoryEntry] {
        try call { _ in
            let location = try machine.resolve(path, for: process)
            guard location.inode.kind == .directory else { throw Errno.ENOTDIR }
            guard machine.mayAccess(location.inode, 0o4, process.credentials) else { throw Errno.EACCES }
            let parent = machine.parent(of: location, root: process.root, namespace: process.mountNamespace)
            var entries = [
                DirectoryEntry(name: ".", kind: .directory, inode: location.inode.number),
                DirectoryEntry(name: "..", kind: .directory, inode: parent.inode.number),
            ]
            for (name, inode) in machine.listDirectory(location, for: process) {
                let real = inode.overlay?.current ?? inode
                entries.append(DirectoryEntry(name: name, kind: real.kind, inode: real.number))
            }
            return entries
        }
    }

    /// chdir(2): ENOTDIR, EACCES without search permission.
    public func chdir(_ path: String) throws {
        try call { _ in
            let location = try machine.resolve(path, for: process)
            guard location.inode.kind == .directory else { throw Errno.ENOTDIR }
            guard machine.mayAccess(location.inode, 0o1, process.credentials) else { throw Errno.EACCES }
            process.cwd = location
        }
    }

    /// getcwd(2): the working directory's path from the caller's root.
    public func getcwd() throws -> String {
        try call { _ in process.mountNamespace.path(of: process.cwd, from: process.root) }
    }
}

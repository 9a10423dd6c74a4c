import KernelInterface

/// mount(2), umount2(2), pivot_root(2), chroot(2); all need CAP_SYS_ADMIN (chroot
/// CAP_SYS_CHROOT).
///
/// Propagation flags (MS_SHARED, MS_PRIVATE, MS_SLAVE, with MS_REC) are recorded per mount and
/// shown in mountinfo, but mount events do not propagate between namespaces.
extension SimKernel {
    /// mount(2) of tmpfs, proc, sysfs, cgroup2 (or "cgroup"), devpts, mqueue and overlay; MS_BIND
    /// (with MS_REC), MS_REMOUNT (with MS_BIND for a per-mount read-only flag), MS_MOVE and the
    /// propagation flags. ENODEV for another type, ENOTDIR for a bind of a file on a directory.
    public func mount(source: String, target: String, fstype: String, flags: MountFlags, data: String) throws {
        try call { _ in
            try requireCapability(.sysAdmin)
            try machine.mount(source: source, target: target, fstype: fstype, flags: flags, data: data, process: process)
        }
    }

    /// umount2(2): EINVAL unless `target` is a mount's root; EBUSY when the mount has mounts on
    /// it or is in use, unless MNT_DETACH, which removes it and everything below it at once.
    public func umount(_ target: String, flags: UnmountFlags) throws {
        try call { _ in
            try requireCapability(.sysAdmin)
            let namespace = process.mountNamespace
            let location = namespace.followMounts(try machine.resolve(target, for: process))
            let mount = location.mount
            guard location.inode === mount.root, mount.parent != nil, namespace.mounts.contains(where: { $0 === mount }) else {
                throw Errno.EINVAL
            }
            let subtree = namespace.subtree(of: mount)
            if !flags.contains(.detach) {
                if subtree.count > 1 || machine.isBusy(mount) { throw Errno.EBUSY }
            }
            namespace.mounts.removeAll { candidate in subtree.contains { $0 === candidate } }
        }
    }

    /// pivot_root(2) with Linux's checks: both paths directories; `newRoot` a mount root other
    /// than the current root's mount; `putOld` at or below `newRoot`; the caller's root a mount
    /// root. The old root mount moves to `putOld`; every process whose root or working directory
    /// was the old root moves to the new one (chroot_fs_refs).
    public func pivotRoot(_ newRoot: String, _ putOld: String) throws {
        try call { _ in
            try requireCapability(.sysAdmin)
            try machine.pivotRoot(newRoot, putOld, process: process)
        }
    }

    /// chroot(2): changes the root only (the working directory stays, as on Linux).
    public func chroot(_ path: String) throws {
        try call { _ in
            try requireCapability(.sysChroot)
            let location = try machine.resolve(path, for: process)
            guard location.inode.kind == .directory else { throw Errno.ENOTDIR }
            process.root = location
        }
    }
}

extension SimMachine {
    /// Whether a process works in `mount` or holds a file open on it.
    func isBusy(_ mount: Mount) -> Bool {
        processes.contains { process in
            guard !process.hasExited else { return false }
            if process.cwd.mount === mount || process.root.mount === mount { return true }
            return process.files.descriptors.contains { number in
                process.files.entry(FileDescriptor(number))?.file.location?.mount === mount
            }
        }
    }

    func pivotRoot(_ newRootPath: String, _ putOldPath: String, process: SimProcess) throws {
        let namespace = process.mountNamespace
        let newRoot = try resolve(newRootPath, for: process)
        let putOld = try resolve(putOldPath, for: process)
        guard newRoot.inode.kind == .directory, putOld.inode.kind == .directory else { throw Errno.ENOTDIR }
        let oldRoot = process.root
        let rootMount = oldRoot.mount
        let newMount = newRoot.mount
        // In fs/namespace.c's order: a new root or put_old on the current root's own mount is
        // EBUSY ("loop, on the same file system") before any not-a-mount-point EINVAL.
        guard newMount !== rootMount, putOld.mount !== rootMount else { throw Errno.EBUSY }
        guard newRoot.inode === newMount.root, oldRoot.inode === rootMount.root, newMount.parent != nil else { throw Errno.EINVAL }
        guard namespace.mounts.contains(where: { $0 === newMount }), namespace.reachablePath(of: newRoot, from: oldRoot) != nil else {
            throw Errno.EINVAL
        }
        guard namespace.reachablePath(of: putOld, from: newRoot) != nil else { throw Errno.EINVAL }
        let formerParent = rootMount.parent
        let formerPoint = rootMount.mountpoint
        newMount.parent = formerParent
        newMount.mountpoint = formerPoint
        rootMount.parent = putOld.mount
        rootMount.mountpoint = putOld.inode
        if namespace.root === rootMount { namespace.root = newMount }
        let target = Location(mount: newMount, inode: newMount.root)
        for other in processes where !other.hasExited {
            if other.root == oldRoot { other.root = target }
            if other.cwd == oldRoot { other.cwd = target }
        }
    }

    func mount(source: String, target: String, fstype: String, flags: MountFlags, data: String, process: SimProcess) throws {
        let namespace = process.mountNamespace
        let location = try resolve(target, for: process)
        let kept: MountFlags = flags.intersection([.readOnly, .noSetuid, .noDevices, .noExec, .relativeAccessTime, .strictAccessTime])
        if flags.contains(.remount) {
            guard location.inode === location.mount.root else { throw Errno.EINVAL }
            location.mount.flags = kept
            if !flags.contains(.bind), !data.isEmpty { location.mount.filesystem.options = data }
            return
        }
        let propagation: [(MountFlags, String)] = [(.shared, "shared"), (.private, "private"), (.slave, "slave")]
        if let change = propagation.first(where: { flags.contains($0.0) }), !flags.contains(.bind), !flags.contains(.move) {
            let targets = flags.contains(.recursive) ? namespace.subtree(of: location.mount) : [location.mount]
            for mount in targets { mount.propagation = change.1 }
            return
        }
        if flags.contains(.move) {
            let moving = try resolve(source, for: process)
            guard moving.inode === moving.mount.root, moving.mount.parent != nil else { throw Errno.EINVAL }
            moving.mount.parent = location.mount
            moving.mount.mountpoint = location.inode
            return
        }
        if flags.contains(.bind) {
            let from = try resolve(source, for: process)
            if (from.inode.kind == .directory) != (location.inode.kind == .directory) { throw Errno.ENOTDIR }
            bind(from, at: location, recursive: flags.contains(.recursive), namespace: namespace)
            return
        }
        guard location.inode.kind == .directory else { throw Errno.ENOTDIR }
        let (filesystem, root) = try makeFilesystem(fstype: fstype, source: source, data: data, process: process)
        attach(Mount(id: nextMountIDValue(), filesystem: filesystem, root: root, source: source, flags: kept), at: location, in: namespace)
    }

    func nextMountIDValue() -> Int {
        nextMountID += 1
        return nextMountID
    }

    func attach(_ mount: Mount, at location: Location, in namespace: MountNamespace) {
        mount.parent = location.mount
        mount.mountpoint = location.inode
        namespace.mounts.append(mount)
    }

    /// MS_BIND: the subtree at `from` appears at `location`; with MS_REC the mounts inside it
    /// come along.
    func bind(_ from: Location, at location: Location, recursive: Bool, namespace: MountNamespace) {
        let top = Mount(id: nextMountIDValue(), filesystem: from.mount.filesystem, root: from.inode, source: from.mount.source,
                        flags: from.mount.flags.subtracting(.readOnly))
        attach(top, at: location, in: namespace)
        guard recursive else { return }
        var copies: [ObjectIdentifier: Mount] = [ObjectIdentifier(from.mount): top]
        for mount in namespace.subtree(of: from.mount) where mount !== from.mount && mount !== top {
            guard let parent = mount.parent, let parentCopy = copies[ObjectIdentifier(parent)], let point = mount.mountpoint else { continue }
            if parent === from.mount, namespace.reachablePath(of: Location(mount: parent, inode: point), from: from) == nil { continue }
            let copy = Mount(id: nextMountIDValue(), filesystem: mount.filesystem, root: mount.root, source: mount.source, flags: mount.flags)
            copy.parent = parentCopy
            copy.mountpoint = point
            namespace.mounts.append(copy)
            copies[ObjectIdentifier(mount)] = copy
        }
    }
}

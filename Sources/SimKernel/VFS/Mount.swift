import KernelInterface

/// One mount: a filesystem (or, for a bind mount, a subtree of one) attached at a mount point
/// of its parent mount, with its flags (`MS_RDONLY`…) and propagation type.
final class Mount {
    let id: Int
    let filesystem: Filesystem
    /// The directory shown at the mount point: the filesystem's root, or the bound subtree.
    let root: Inode
    let source: String
    var parent: Mount?
    var mountpoint: Inode? {
        didSet {
            oldValue?.mountsHere -= 1
            mountpoint?.mountsHere += 1
        }
    }
    var flags: MountFlags
    /// `shared`, `private` or `slave`: recorded and shown in mountinfo; events do not
    /// propagate between namespaces in the simulator.
    var propagation: String

    init(id: Int, filesystem: Filesystem, root: Inode, source: String, flags: MountFlags = [], propagation: String = "private") {
        self.id = id
        self.filesystem = filesystem
        self.root = root
        self.source = source
        self.flags = flags
        self.propagation = propagation
    }

    deinit { mountpoint?.mountsHere -= 1 }

    var isReadOnly: Bool { flags.contains(.readOnly) }
}

/// A place in the VFS: a directory entry as reached through a particular mount (Linux's
/// `struct path`).
struct Location {
    let mount: Mount
    let inode: Inode

    static func == (a: Location, b: Location) -> Bool { a.mount === b.mount && a.inode === b.inode }
    static func != (a: Location, b: Location) -> Bool { !(a == b) }
}

/// A mount namespace: its mount table, in mount order, and its root mount.
final class MountNamespace {
    let id: UInt64
    var root: Mount
    var mounts: [Mount]

    init(id: UInt64, root: Mount) {
        self.id = id
        self.root = root
        self.mounts = [root]
    }

    /// The topmost mount attached on `location`, if any. Most directories are no mount point,
    /// which their inode tells without a look at the table.
    func mount(on location: Location) -> Mount? {
        guard location.inode.mountsHere > 0 else { return nil }
        return mounts.last { $0.parent === location.mount && $0.mountpoint === location.inode }
    }

    /// Steps onto whatever is mounted on `location`, repeatedly (Linux's follow_mount).
    func followMounts(_ location: Location) -> Location {
        var here = location
        while let mounted = mount(on: here) { here = Location(mount: mounted, inode: mounted.root) }
        return here
    }

    /// The mounts below `mount` (itself first), in mount order.
    func subtree(of mount: Mount) -> [Mount] {
        mounts.filter { candidate in
            var walk: Mount? = candidate
            while let step = walk {
                if step === mount { return true }
                walk = step.parent
            }
            return false
        }
    }

    /// A copy for CLONE_NEWNS: every mount duplicated, with the map from old to new so that the
    /// caller's root and working directory can be moved over, as copy_mnt_ns does.
    func copy(id: UInt64, nextMountID: inout Int) -> (MountNamespace, [ObjectIdentifier: Mount]) {
        var map: [ObjectIdentifier: Mount] = [:]
        var copies: [Mount] = []
        for mount in mounts {
            nextMountID += 1
            let copy = Mount(id: nextMountID, filesystem: mount.filesystem, root: mount.root, source: mount.source,
                             flags: mount.flags, propagation: mount.propagation)
            copy.mountpoint = mount.mountpoint
            map[ObjectIdentifier(mount)] = copy
            copies.append(copy)
        }
        for (mount, copy) in zip(mounts, copies) {
            copy.parent = mount.parent.flatMap { map[ObjectIdentifier($0)] }
        }
        let namespace = MountNamespace(id: id, root: map[ObjectIdentifier(root)] ?? copies[0])
        namespace.mounts = copies
        return (namespace, map)
    }

    /// The path of `location` as seen from `root` (d_path): "/" joined names up to the root,
    /// crossing mount points.
    func path(of location: Location, from root: Location) -> String {
        reachablePath(of: location, from: root) ?? "/"
    }

    /// The path of `location` from `root`, or nil when it is not below `root` (a mount outside
    /// a chroot or left behind by pivot_root, which /proc/self/mounts does not show).
    func reachablePath(of location: Location, from root: Location) -> String? {
        var names: [String] = []
        var here = location
        var guardCount = 0
        while here != root {
            guardCount += 1
            if guardCount > 4096 { return nil }
            if here.inode === here.mount.root {
                guard let parent = here.mount.parent, let point = here.mount.mountpoint else { return nil }
                here = Location(mount: parent, inode: point)
                continue
            }
            guard let parentInode = here.inode.parent,
                  let name = parentInode.entries.first(where: { $0.value === here.inode })?.key
                    ?? overlayName(of: here.inode)
            else { return nil }
            names.append(name)
            here = Location(mount: here.mount, inode: parentInode)
        }
        return "/" + names.reversed().joined(separator: "/")
    }

    private func overlayName(of inode: Inode) -> String? { inode.overlay?.name }
}

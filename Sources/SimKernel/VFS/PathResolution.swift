import KernelInterface

/// Path resolution as Linux's namei does it: from the process's root or working directory,
/// component by component, following symlinks (ELOOP after 40), `..` (never above the
/// process's root, crossing back over mount points), and stepping onto what is mounted on each
/// directory reached.
extension SimMachine {
    static let maximumSymlinks = 40

    func resolve(_ path: String, for process: SimProcess, followFinal: Bool = true) throws -> Location {
        guard !path.isEmpty else { throw Errno.ENOENT }
        let namespace = process.mountNamespace
        let overridesDAC = process.credentials.has(Credentials.dacOverride)
        // The starting point is not crossed into what is mounted on it, as path_init does not.
        var current = path.utf8.first == PathComponents.separator ? process.root : process.cwd
        var remaining = PathComponents(path)
        let wantsDirectory = path.utf8.last == PathComponents.separator
        var links = 0
        while let name = remaining.next() {
            let isLast = remaining.isAtEnd
            if name == "." { continue }
            guard current.inode.kind == .directory else { throw Errno.ENOTDIR }
            guard mayAccess(current.inode, 0o1, process.credentials, overridesDAC: overridesDAC) else { throw Errno.EACCES }
            if name == ".." {
                current = parent(of: current, root: process.root, namespace: namespace)
                continue
            }
            guard let child = lookupChild(current, name, for: process) else { throw Errno.ENOENT }
            if child.kind == .symlink, !isLast || followFinal || wantsDirectory {
                links += 1
                guard links <= SimMachine.maximumSymlinks else { throw Errno.ELOOP }
                if let magic = child.magic {
                    guard let target = magic() else { throw Errno.ENOENT }
                    guard case let .location(location) = target else { throw Errno.ENOTDIR }
                    current = location
                    continue
                }
                remaining.push(child.linkTarget)
                if child.linkTarget.utf8.first == PathComponents.separator { current = process.root }
                continue
            }
            current = namespace.followMounts(Location(mount: current.mount, inode: child))
        }
        if wantsDirectory, current.inode.kind != .directory { throw Errno.ENOTDIR }
        return current
    }

    /// The directory that will hold the last component of `path`, and that component's name.
    func resolveParent(_ path: String, for process: SimProcess) throws -> (directory: Location, name: String) {
        guard !path.isEmpty else { throw Errno.ENOENT }
        let utf8 = path.utf8
        var end = utf8.endIndex
        // One trailing slash is dropped ("a/b/" names b), unless the path is "/" itself.
        if utf8.count > 1, utf8.last == PathComponents.separator { end = utf8.index(before: end) }
        guard let slash = utf8[..<end].lastIndex(of: PathComponents.separator) else {
            return (process.cwd, String(path[..<end]))
        }
        let name = String(path[utf8.index(after: slash)..<end])
        let directory = slash == utf8.startIndex ? try resolve("/", for: process) : try resolve(String(path[..<slash]), for: process)
        guard directory.inode.kind == .directory else { throw Errno.ENOTDIR }
        guard mayAccess(directory.inode, 0o1, process.credentials) else { throw Errno.EACCES }
        return (directory, name.isEmpty ? "." : name)
    }

    /// `..` of a location: its parent directory, across mount points, stopping at `root`.
    func parent(of location: Location, root: Location, namespace: MountNamespace) -> Location {
        var here = location
        if here == root { return here }
        while here.inode === here.mount.root {
            guard let parentMount = here.mount.parent, let point = here.mount.mountpoint else { return here }
            here = Location(mount: parentMount, inode: point)
            if here == root { return here }
        }
        guard let parentInode = here.inode.parent else { return here }
        return namespace.followMounts(Location(mount: here.mount, inode: parentInode))
    }

    /// The entry `name` of a directory: stored, computed (procfs) or merged (overlay).
    func lookupChild(_ directory: Location, _ name: String, for process: SimProcess) -> Inode? {
        let inode = directory.inode
        if let provider = inode.provider { return provider.lookup(process, name) }
        if let overlay = inode.overlay { return overlay.child(named: name) }
        return inode.entries[name]
    }

    /// The names in a directory, sorted (the simulator's getdents order).
    func listDirectory(_ directory: Location, for process: SimProcess) -> [(String, Inode)] {
        let inode = directory.inode
        if let provider = inode.provider {
            return provider.names(process).compactMap { name in provider.lookup(process, name).map { (name, $0) } }
        }
        if let overlay = inode.overlay {
            return overlay.mergedNames().compactMap { name in overlay.child(named: name).map { (name, $0) } }
        }
        return inode.entries.keys.sorted().compactMap { name in inode.entries[name].map { (name, $0) } }
    }

    /// The permission check of generic_permission: owner, group or other bits; a process with
    /// CAP_DAC_OVERRIDE passes, except that exec still needs some execute bit on a file.
    /// `want` is a mask of 0o4 (read), 0o2 (write), 0o1 (execute or search).
    /// `overridesDAC`, when known, saves a walk from asking the capability set at every step;
    /// the credentials are then read only when the owner, group and other bits decide.
    func mayAccess(_ inode: Inode, _ want: UInt32, _ credentials: @autoclosure () -> Credentials, overridesDAC: Bool? = nil) -> Bool {
        let overrides = overridesDAC ?? credentials().has(Credentials.dacOverride)
        if let overlay = inode.overlay { return permits(overlay.current, want, overrides: overrides, credentials()) }
        return permits(inode, want, overrides: overrides, credentials())
    }

    private func permits(_ real: Inode, _ want: UInt32, overrides: Bool, _ credentials: @autoclosure () -> Credentials) -> Bool {
        if overrides {
            if want & 0o1 != 0, real.kind != .directory { return real.permissions & 0o111 != 0 }
            return true
        }
        let credentials = credentials()
        let bits: UInt32
        if credentials.uid == real.uid {
            bits = (real.permissions >> 6) & 0o7
        } else if credentials.gid == real.gid || credentials.groups.contains(real.gid) {
            bits = (real.permissions >> 3) & 0o7
        } else {
            bits = real.permissions & 0o7
        }
        return bits & want == want
    }
}

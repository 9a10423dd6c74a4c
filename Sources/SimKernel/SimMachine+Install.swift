import KernelInterface

/// Host-side set-up of the root filesystem before (or between) runs: not traced, not counted,
/// parents created as needed, an existing entry replaced.
extension SimMachine {
    public func installFile(_ path: String, contents: [UInt8], mode: UInt32 = 0o644) {
        place(at: path) { filesystem in
            let inode = filesystem.makeInode(.regular, permissions: mode)
            inode.data = contents
            return inode
        }
    }

    public func installExecutable(_ path: String, program: Program) {
        register(program)
        installFile(path, contents: SimMachine.executableContents(program: program.name), mode: 0o755)
    }

    public func installDirectory(_ path: String, mode: UInt32 = 0o755) {
        let directory = hostDirectory(path)
        directory.permissions = mode
    }

    public func installSymlink(_ target: String, at path: String) {
        place(at: path) { filesystem in
            let inode = filesystem.makeInode(.symlink, permissions: 0o777)
            inode.linkTarget = target
            return inode
        }
    }

    /// A node whose writes go to `write` (the console, a log). Reads see end of file.
    public func installHostOutput(_ path: String, _ write: @escaping @Sendable ([UInt8]) -> Void) {
        placeHostNode(HostNode(write: write, read: nil, isTraceFile: false), at: path)
    }

    /// A node whose reads come from `read` (asked for at most N bytes; [] is end of file).
    public func installHostInput(_ path: String, _ read: @escaping @Sendable (Int) -> [UInt8]) {
        placeHostNode(HostNode(write: nil, read: read, isTraceFile: false), at: path)
    }

    /// A trace file: opens of it and writes to it are never counted or faulted.
    public func installTraceFile(_ path: String, _ write: @escaping @Sendable ([UInt8]) -> Void) {
        hasTraceFiles = true
        placeHostNode(HostNode(write: write, read: nil, isTraceFile: true), at: path)
    }

    private func placeHostNode(_ host: HostNode, at path: String) {
        let (directory, name) = hostParent(path)
        let existing = directory.entries[name]
        let inode = directory.filesystem.makeInode(existing?.kind == .characterDevice ? .characterDevice : .regular, permissions: 0o666)
        if let existing, existing.kind == .characterDevice { inode.deviceNumber = existing.deviceNumber }
        inode.host = host
        inode.parent = directory
        directory.entries[name] = inode
    }

    /// Puts the inode `make` builds (on the directory's filesystem) at `path`.
    private func place(at path: String, _ make: (Filesystem) -> Inode) {
        let (directory, name) = hostParent(path)
        let inode = make(directory.filesystem)
        if let old = directory.entries[name], old.kind == .directory { directory.linkCount -= 1 }
        directory.entries[name] = inode
        inode.parent = directory
    }

    /// The directory that holds `path`'s last component, seen through the root mount namespace.
    private func hostParent(_ path: String) -> (directory: Inode, name: String) {
        var components = path.split(separator: "/").map(String.init)
        guard let name = components.popLast() else { preconditionFailure("SimMachine.install: empty path \(path)") }
        return (hostDirectory("/" + components.joined(separator: "/")), name)
    }

    /// `mkdir -p` from the root of the root mount namespace, crossing mounts.
    @discardableResult
    func hostDirectory(_ path: String) -> Inode {
        let namespace = rootMountNamespace
        var here = namespace.followMounts(Location(mount: namespace.root, inode: namespace.root.root))
        for name in path.split(separator: "/").map(String.init) where name != "." {
            let directory = here.inode
            precondition(directory.provider == nil && directory.overlay == nil, "SimMachine.install: \(path) is not on a plain filesystem")
            let next: Inode
            if let existing = directory.entries[name] {
                precondition(existing.kind == .directory, "SimMachine.install: \(name) in \(path) is not a directory")
                next = existing
            } else {
                next = directory.filesystem.makeInode(.directory, permissions: 0o755)
                directory.entries[name] = next
                next.parent = directory
                directory.linkCount += 1
            }
            here = namespace.followMounts(Location(mount: here.mount, inode: next))
        }
        return here.inode
    }

    /// The machine as it is before boot: a root filesystem with /proc (procfs), /sys/fs/cgroup
    /// (cgroup2), /dev (tmpfs with the usual devices and a console), /tmp and /run.
    func buildRootFilesystem() {
        for directory in ["/proc", "/sys/fs/cgroup", "/dev", "/tmp", "/run", "/etc", "/bin"] { hostDirectory(directory) }
        hostDirectory("/tmp").permissions = 0o1777
        let namespace = rootMountNamespace
        let root = Location(mount: namespace.root, inode: namespace.root.root)
        func at(_ name: [String]) -> Location {
            var inode = root.inode
            for component in name { inode = inode.entries[component] ?? inode }
            return Location(mount: namespace.root, inode: inode)
        }
        let proc = makeProcFilesystem(source: "proc", namespace: rootPidNamespace)
        attach(Mount(id: nextMountIDValue(), filesystem: proc, root: proc.root, source: "proc", flags: [.noSetuid, .noDevices, .noExec, .relativeAccessTime]),
               at: at(["proc"]), in: namespace)
        attach(Mount(id: nextMountIDValue(), filesystem: cgroupFilesystem, root: cgroupRoot.directory, source: "cgroup2",
                     flags: [.noSetuid, .noDevices, .noExec, .relativeAccessTime]), at: at(["sys", "fs", "cgroup"]), in: namespace)
        populateCgroup(cgroupRoot)
        cgroupRoot.values["cgroup.subtree_control"] = "cpu memory pids"
        let dev = Filesystem(device: allocateDevice(), type: "tmpfs", source: "udev", numbers: inodeNumbers, options: "mode=755")
        let devices: [(String, UInt32, UInt32)] = [
            ("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0), ("console", 5, 1),
        ]
        for (name, major, minor) in devices {
            let node = dev.makeInode(.characterDevice, permissions: name == "console" ? 0o600 : 0o666)
            node.deviceNumber = (major, minor)
            dev.root.entries[name] = node
            node.parent = dev.root
        }
        attach(Mount(id: nextMountIDValue(), filesystem: dev, root: dev.root, source: "udev", flags: [.noSetuid, .relativeAccessTime]),
               at: at(["dev"]), in: namespace)
    }
}

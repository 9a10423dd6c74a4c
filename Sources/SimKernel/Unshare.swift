import KernelInterface

/// New namespaces for a process (clone(2) flags or unshare(2)), and joining one (setns(2)).
extension SimMachine {
    /// Gives `process` new namespaces of the kinds in `namespaces` (not `.pid`, which applies to
    /// children and is handled by the caller). A new mount namespace is a copy, and the
    /// process's root and working directory move to the copies, as copy_mnt_ns does.
    func unshareNamespaces(_ namespaces: Namespaces, of process: SimProcess) {
        if namespaces.contains(.mount) {
            let (copy, map) = process.mountNamespace.copy(id: allocateNamespaceID(), nextMountID: &nextMountID)
            process.mountNamespace = copy
            process.root = remap(process.root, map)
            process.cwd = remap(process.cwd, map)
        }
        if namespaces.contains(.uts) { process.uts = UTSNamespace(id: allocateNamespaceID(), hostname: process.uts.hostname) }
        if namespaces.contains(.ipc) { process.ipc = PlainNamespace(id: allocateNamespaceID()) }
        if namespaces.contains(.network) { process.network = NetworkNamespace(id: allocateNamespaceID()) }
        if namespaces.contains(.user) { process.user = PlainNamespace(id: allocateNamespaceID()) }
        if namespaces.contains(.cgroup) { process.cgroupNamespace = CgroupNamespace(id: allocateNamespaceID(), root: process.cgroup) }
    }

    func remap(_ location: Location, _ map: [ObjectIdentifier: Mount]) -> Location {
        Location(mount: map[ObjectIdentifier(location.mount)] ?? location.mount, inode: location.inode)
    }

    /// setns(2): joins the namespace a `/proc/PID/ns/*` descriptor names. Joining a pid
    /// namespace affects children only; joining a mount namespace moves root and working
    /// directory to its root, as Linux does.
    func join(_ handle: NamespaceHandle, process: SimProcess) {
        switch handle {
        case let .mount(namespace):
            process.mountNamespace = namespace
            let root = Location(mount: namespace.root, inode: namespace.root.root)
            process.root = root
            process.cwd = namespace.followMounts(root)
        case let .pid(namespace): process.pidNamespaceForChildren = namespace
        case let .uts(namespace): process.uts = namespace
        case let .ipc(namespace): process.ipc = namespace
        case let .network(namespace): process.network = namespace
        case let .cgroup(namespace): process.cgroupNamespace = namespace
        case let .user(namespace): process.user = namespace
        }
    }

    /// The namespaces `process` is in, as its `/proc/PID/ns/` shows them.
    func namespaceHandles(of process: SimProcess) -> [(String, NamespaceHandle)] {
        [
            ("cgroup", .cgroup(process.cgroupNamespace)), ("ipc", .ipc(process.ipc)), ("mnt", .mount(process.mountNamespace)),
            ("net", .network(process.network)), ("pid", .pid(process.pidNamespace)),
            ("pid_for_children", .pid(process.pidNamespaceForChildren)), ("user", .user(process.user)), ("uts", .uts(process.uts)),
        ]
    }
}

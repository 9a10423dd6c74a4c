import KernelInterface

/// What tests and invariant checks read, after or during a run (from a simulated thread).
extension SimMachine {
    /// Every process not yet reaped, by pid in the root namespace.
    public var liveProcesses: [(pid: Int32, ppid: Int32, comm: String, zombie: Bool)] {
        processes.sorted { $0.globalPID < $1.globalPID }.map {
            (pid: $0.globalPID, ppid: $0.parent?.globalPID ?? 0, comm: $0.comm, zombie: $0.isZombie)
        }
    }

    /// The mounts of every live mount namespace (the root one, and those a running process is
    /// in or holds open), by namespace id then mount order.
    public var mountTable: [(namespace: Int, target: String, fstype: String)] {
        var namespaces: [MountNamespace] = [rootMountNamespace]
        func add(_ namespace: MountNamespace) {
            if !namespaces.contains(where: { $0 === namespace }) { namespaces.append(namespace) }
        }
        for process in processes where !process.hasExited {
            add(process.mountNamespace)
            for number in process.files.descriptors {
                if case let .namespace(.mount(namespace))? = process.files.entry(FileDescriptor(number))?.file.object { add(namespace) }
            }
        }
        return namespaces.sorted { $0.id < $1.id }.flatMap { namespace in
            let root = Location(mount: namespace.root, inode: namespace.root.root)
            return namespace.mounts.compactMap { mount -> (namespace: Int, target: String, fstype: String)? in
                guard let path = namespace.reachablePath(of: Location(mount: mount, inode: mount.root), from: root) else { return nil }
                return (namespace: Int(namespace.id), target: path, fstype: mount.filesystem.type)
            }
        }
    }

    /// Every cgroup below the root, as paths (`/system.slice/docker-1.scope`), sorted.
    public var cgroupPaths: [String] {
        func walk(_ group: CGroup) -> [String] {
            group.children.keys.sorted().flatMap { name -> [String] in
                guard let child = group.children[name] else { return [] }
                return [child.path] + walk(child)
            }
        }
        return walk(cgroupRoot)
    }

    /// Open file descriptions referenced by the descriptor tables of running processes.
    public var openFileDescriptions: Int {
        var seen = Set<ObjectIdentifier>()
        for process in processes where !process.hasExited {
            for number in process.files.descriptors {
                if let file = process.files.entry(FileDescriptor(number))?.file { seen.insert(ObjectIdentifier(file)) }
            }
        }
        return seen.count
    }

    /// Failable Kernel calls made so far, by process name.
    public var failableCallCounts: [String: Int] { failableCounters.mapValues(\.count) }
}

import KernelInterface

/// clone(2) + execve(2) as one step (posix_spawn): the child gets copies of the parent's
/// descriptors (close-on-exec ones close at the exec), the requested new namespaces, and the
/// parent's cgroup (or, with `CLONE_INTO_CGROUP`, the one the request names), credentials and
/// ignored signals. Nothing is left behind when the exec fails.
extension SimMachine {
    func spawn(_ request: SpawnRequest, parent: SimProcess) throws -> SimProcess {
        try start(request, parent: parent) { child in
            let image = try loadImage(request.path, arguments: request.arguments, environment: request.environment, for: child)
            return (image, { self.replaceImage(of: child, with: image, path: request.path) })
        }
    }

    /// clone(2) without the exec: the child runs `program` in its parent's image (the same
    /// executable, name and argv in `ps`), with the request's arguments and environment as its
    /// context; its close-on-exec descriptors close, as on Linux (`LinuxKernel.fork`), and it
    /// keeps its parent's capabilities, as a fork does. A machine process has one thread per
    /// program run, the way the Linux backend requires a single-threaded caller.
    func fork(_ request: SpawnRequest, program: Program, parent: SimProcess) throws -> SimProcess {
        guard parent.threads.count == 1 else { throw Errno.EINVAL }
        return try start(request, parent: parent) { child in
            let image = Image(program: program, path: request.path, arguments: request.arguments,
                              environment: request.environment, file: parent.executable)
            return (image, {
                child.files.closeOnExec()
                child.executable = parent.executable
            })
        }
    }

    /// What spawn and fork share: the child's cgroup, namespaces, descriptors, working
    /// directory, pids, session and first thread. `image` makes what the child runs and the
    /// step that installs it once the child is admitted.
    private func start(_ request: SpawnRequest, parent: SimProcess,
                       image makeImage: (SimProcess) throws -> (Image, () -> Void)) throws -> SimProcess {
        let cgroup = try request.cgroup.map { try targetCgroup($0, of: parent) } ?? parent.cgroup
        guard cgroup.allowsNewTasks(1) else { throw Errno.EAGAIN }
        if !request.namespaces.subtracting(.user).isEmpty, !parent.credentials.has(.sysAdmin) { throw Errno.EPERM }
        let files = parent.files.copy()
        do {
            try applyFileActions(request.fileActions, to: files)
            let child = try makeChild(of: parent, namespaces: request.namespaces, files: files, cgroup: cgroup)
            if let directory = request.workingDirectory {
                let location = try resolve(directory, for: child)
                guard location.inode.kind == .directory else { throw Errno.ENOTDIR }
                child.cwd = location
            }
            let (image, install) = try makeImage(child)
            try admit(child, parent: parent)
            child.parentDeathSignal = request.parentDeathSignal
            if request.newSession {
                child.sessionID = child.globalPID
                child.processGroupID = child.globalPID
            }
            install()
            let thread = SimThread(serial: nextSerial(), name: child.comm, process: child, entry: .image(image))
            child.threads = [thread]
            startHostThread(thread)
            return child
        } catch {
            files.closeAll()
            throw error
        }
    }

    /// clone3's `CLONE_INTO_CGROUP` target: the group of a cgroup2 directory descriptor
    /// (`EBADF` for anything else), which must not delegate controllers to children (`EBUSY`:
    /// cgroup v2 keeps processes out of inner groups, the root excepted).
    private func targetCgroup(_ fd: FileDescriptor, of parent: SimProcess) throws -> CGroup {
        guard case let .inode(inode) = try parent.files.file(fd).object, let group = inode.cgroup else { throw Errno.EBADF }
        if group.parent != nil, !(group.values["cgroup.subtree_control"] ?? "").isEmpty { throw Errno.EBUSY }
        return group
    }

    func nextSerial() -> Int {
        nextThreadSerial += 1
        return nextThreadSerial
    }

    /// posix_spawn_file_actions in order, on the child's table.
    func applyFileActions(_ actions: [SpawnFileAction], to files: FileTable) throws {
        for action in actions {
            switch action {
            case let .duplicate(source, target):
                let file = try files.file(source)
                if source == target {
                    try files.setCloseOnExec(source, false)
                } else {
                    try files.install(file, at: target, closeOnExec: false)
                }
            case let .close(fd):
                try? files.close(fd)
            }
        }
    }

    /// The child process before it has pids: the parent's state with the new namespaces, in
    /// `cgroup` (a new cgroup namespace is rooted there, as Linux's `cgroup_post_fork` roots it
    /// at a `CLONE_INTO_CGROUP` target).
    func makeChild(of parent: SimProcess, namespaces: Namespaces, files: FileTable, cgroup: CGroup) throws -> SimProcess {
        var pidNamespace = parent.pidNamespaceForChildren
        if namespaces.contains(.pid) { pidNamespace = PidNamespace(id: allocateNamespaceID(), parent: pidNamespace) }
        if pidNamespace.isDead { throw Errno.ENOMEM }
        nextProcessSerial += 1
        let child = SimProcess(
            serial: nextProcessSerial, pids: [(pidNamespace, 0)], comm: parent.comm, root: parent.root, files: files,
            mountNamespace: parent.mountNamespace, uts: parent.uts, ipc: parent.ipc, network: parent.network,
            cgroupNamespace: parent.cgroupNamespace, user: parent.user, cgroup: cgroup,
            credentials: parent.credentials)
        child.cwd = parent.cwd
        child.ignoredSignals = parent.ignoredSignals
        child.sessionID = parent.sessionID
        child.processGroupID = parent.processGroupID
        child.arguments = parent.arguments
        child.environment = parent.environment
        unshareNamespaces(namespaces.subtracting(.pid), of: child)
        return child
    }

    /// Gives the child its pids (one per namespace up to the root), makes it known to its
    /// parent, its namespaces and its cgroup.
    func admit(_ child: SimProcess, parent: SimProcess?) throws {
        let namespace = child.pids[0].namespace
        var pids: [(namespace: PidNamespace, pid: Int32)] = []
        for level in namespace.chain {
            let pid = level.nextPID
            level.nextPID += 1
            level.members[pid] = child
            pids.append((level, pid))
        }
        child.pids = pids
        child.pidNamespaceForChildren = namespace
        if namespace.initProcess == nil { namespace.initProcess = child }
        child.startedAt = clock.sinceBoot
        child.parent = parent
        parent?.children.append(child)
        processes.append(child)
        child.cgroup.members.append(child)
    }

    /// The execve(2) part: descriptors marked close-on-exec close, the name and arguments
    /// change, and capabilities are recomputed as for a file without file capabilities:
    /// root gets its bounding set, anyone else keeps only the ambient set.
    func replaceImage(of process: SimProcess, with image: Image, path: String) {
        process.files.closeOnExec()
        process.generation += 1
        process.comm = SimMachine.commandName(path)
        process.arguments = image.arguments
        process.executable = image.file
        process.environment = image.environment
        var sets = process.credentials.capabilities
        if process.credentials.uid == 0 {
            sets.permitted = sets.bounding
            sets.effective = sets.bounding
        } else {
            sets.permitted = sets.ambient
            sets.effective = sets.ambient
        }
        process.credentials.capabilities = sets
    }
}

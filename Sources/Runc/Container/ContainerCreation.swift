import KernelInterface
import OCI
import Trace

/// `runc create`'s side of a container's birth (libcontainer's `initProcess.start` and
/// `Container.Start`): the state directory and exec.fifo, `runc init` forked into the new
/// namespaces and cgroup, the sync-pipe exchange of Sync.swift, then state.json. On any
/// failure everything made so far is undone, so a failed create leaves nothing behind.
struct ContainerCreation {
    let runtime: Runtime
    let id: String
    let bundle: String
    let spec: Spec
    let rootfs: String
    /// `--console-socket`: where the init sends its terminal's master (Init/Console.swift).
    var consoleSocket: String? = nil

    var kernel: Kernel { runtime.kernel }
    var paths: ContainerPaths { runtime.paths(id) }

    /// Runs the whole creation; returns the record written to state.json.
    func run() throws -> ContainerRecord {
        try makeStateDirectory()
        var initPid: ProcessID?
        var cgroup: CgroupManager?
        do {
            let manager = try Cgroups.manager(kernel: kernel, cgroupsPath: spec.linux?.cgroupsPath, id: id)
            cgroup = manager
            try createCgroup(manager)
            try makeExecFifo()
            let (pid, pipe) = try forkInit(cgroup: manager)
            initPid = pid
            defer { pipe.close() }
            try awaitReady(pipe, pid: pid)
            try setCgroupLimits(manager)
            try letInitRun(pipe)
            let record = try writeState(pid: pid, cgroup: manager)
            return record
        } catch {
            cleanUp(initPid: initPid, cgroup: cgroup)
            let error = error as? RuncError ?? RuncError(.system, "\(error)", stage: "runc create/start")
            let step = error.stage.split(separator: "/").last.map(String.init) ?? error.stage
            throw RuncError(error.code, "unable to start container process: \(step): \(error.message)", stage: error.stage)
        }
    }

    func stage<T>(_ function: String = #function, operation: @autoclosure () -> String? = nil, _ body: () throws -> T) throws -> T {
        try runStage("create", function, operation: operation(), body)
    }

    /// `<root>/<id>`, mode 0711 as libcontainer makes it; an existing one is a taken id.
    private func makeStateDirectory() throws {
        try stage(operation: "mkdir \(paths.directory)") {
            try kernel.mkdirAll(paths.root, mode: 0o711)
            do {
                try kernel.mkdir(paths.directory, mode: 0o711)
            } catch Errno.EEXIST {
                throw RuncError(.alreadyExists, "container with id exists: \(id)", stage: "runc create/make_state_directory")
            }
        }
    }

    /// container_linux.go `createExecFifo`: mkfifo 0622 in the state directory.
    private func makeExecFifo() throws {
        try stage(operation: "mkfifo \(paths.execFifo)") {
            try kernel.mknod(paths.execFifo, kind: .fifo, mode: 0o622, major: 0, minor: 0)
        }
    }

    /// The cgroup's directories, before there is a process to put in them.
    private func createCgroup(_ manager: CgroupManager) throws {
        try stage(operation: "unable to apply cgroup configuration") { try manager.create() }
    }

    /// Forks `runc init` into config.json's new namespaces, and into the cgroup's v2 group
    /// (`CLONE_INTO_CGROUP`), with the sync socket as fd 3 and an `O_PATH` handle on exec.fifo
    /// as fd 4; its stdio is this process's, which is how the shim's pipes become the
    /// container's stdio. With a terminal the connection to the console socket is fd 5, and
    /// the init leads a session of its own (nsexec.c's setsid), so that the pty can be its
    /// controlling terminal.
    ///
    /// The init is a fork that runs on in this image, as crun starts it, not a second start of
    /// the runtime (runc re-executes itself as `runc init` because a Go program cannot fork):
    /// it has the spec already, so nothing is sent to it but the sync messages. First thing, it
    /// joins the cgroups it was not born in by writing 0 to their `tasks` files (cgroup v1, a
    /// move of one thread; or the v2 group's `cgroup.procs` on a kernel without clone3), then
    /// unshares its cgroup namespace, as runc's nsexec does once the process is in place, since
    /// a cgroup namespace is rooted where its process is when it is made.
    private func forkInit(cgroup manager: CgroupManager) throws -> (ProcessID, SyncPipe) {
        let (parentEnd, childEnd, fifo, cgroup) = try stage { () throws -> (FileDescriptor, FileDescriptor, FileDescriptor, FileDescriptor?) in
            let (parentEnd, childEnd) = try kernel.socketpair(.stream, closeOnExec: true)
            let fifo = try kernel.open(paths.execFifo, [.path, .closeOnExec], mode: 0)
            let cgroup = try manager.birthDirectory.map { try kernel.open($0, [.path, .directory, .closeOnExec], mode: 0) }
            return (parentEnd, childEnd, fifo, cgroup)
        }
        defer {
            try? kernel.close(childEnd)
            try? kernel.close(fifo)
            if let cgroup { try? kernel.close(cgroup) }
        }
        let console = try InitProcess.connectConsole(consoleSocket, kernel: kernel, command: "create", closingOnFailure: parentEnd)
        defer { if let console { try? kernel.close(console) } }
        return try stage {
            var initProcess = InitProcess(
                runtime: runtime, initType: "standard", descriptors: [(fifo, SyncPipe.fifoEnvironment)],
                namespaces: BundleSpec.newNamespaces(of: spec).subtracting(.cgroup), newSession: console != nil,
                workingDirectory: bundle, cgroup: cgroup
            )
            func config(joining joinFiles: [String]) -> InitConfig {
                InitConfig(id: id, spec: spec, rootfs: rootfs, fifoFD: 4, cgroupTasks: joinFiles.isEmpty ? nil : joinFiles,
                           cgroupBinds: manager.initBinds)
            }
            let pid: ProcessID
            do {
                pid = try initProcess.fork(syncEnd: childEnd, console: console, config: config(joining: manager.threadJoinFiles))
            } catch let errno as Errno where cgroup != nil && [.ENOSYS, .E2BIG, .EINVAL].contains(errno) {
                runtime.logger.debug("clone3 CLONE_INTO_CGROUP failed (\(errno.name)): the init joins its cgroup v2 group itself")
                initProcess.cgroup = nil
                let joinFiles = manager.threadJoinFiles + (manager.birthDirectory.map { [joinPath($0, "cgroup.procs")] } ?? [])
                pid = try initProcess.fork(syncEnd: childEnd, console: console, config: config(joining: joinFiles))
            }
            runtime.logger.debug("runc init started as pid \(pid)")
            return (pid, SyncPipe(kernel: kernel, fd: parentEnd))
        }
    }

    /// Waits for `procReady`; a `procError` carries the init's own stage and message.
    private func awaitReady(_ pipe: SyncPipe, pid: ProcessID) throws {
        let message = try stage(operation: "read sync pipe") { try pipe.receive(SyncMessage.self) }
        switch message?.type {
        case .procReady:
            return
        case .procError:
            throw RuncError(.system, message?.message ?? "unknown error", stage: message?.stage ?? "runc create/init")
        case .procRun, nil:
            let status = try? kernel.wait4(pid, options: [])
            throw RuncError(.system, "runc init ended before it was ready (\(status.map { "\($0.status)" } ?? "no status"))",
                            stage: "runc create/await_ready")
        }
    }

    private func setCgroupLimits(_ manager: CgroupManager) throws {
        guard let resources = spec.linux?.resources else { return }
        try stage(operation: "unable to set cgroup limits") { try manager.set(resources) }
    }

    /// `procRun`, then read to EOF: the init closes its end only when it is about to block on
    /// exec.fifo, or dies.
    private func letInitRun(_ pipe: SyncPipe) throws {
        try stage(operation: "sync with runc init") {
            try pipe.send(SyncMessage.run)
            try pipe.waitForClose()
        }
    }

    private func writeState(pid: ProcessID, cgroup: CgroupManager) throws -> ContainerRecord {
        let status = try ContainerStatus.creating.after(.initReady, id: id)
        guard case let .status(created) = status else { preconditionFailure("init ready cannot end a container") }
        let record = ContainerRecord(
            ociVersion: spec.ociVersion, id: id, pid: Int(pid.rawValue), status: created, bundle: bundle,
            rootfs: rootfs, created: RFC3339.format(nanosecondsSinceEpoch: kernel.clockGettime(.realtime)), owner: "",
            annotations: spec.annotations,
            initProcessStart: ProcessStat.read(kernel: kernel, pid: Int(pid.rawValue))?.startTime,
            cgroupPath: cgroup.path, cgroupPaths: cgroup.paths
        )
        try record.save(kernel: kernel, paths: paths, stage: "runc create/write_state")
        return record
    }

    /// runc's `destroy` after a failed start: kill and reap the init, remove its cgroup and
    /// the state directory.
    private func cleanUp(initPid: ProcessID?, cgroup: CgroupManager?) {
        if let initPid {
            try? kernel.kill(initPid, .SIGKILL)
            _ = try? kernel.wait4(initPid, options: [])
        }
        try? cgroup?.destroy()
        try? kernel.removeAll(paths.directory)
    }
}

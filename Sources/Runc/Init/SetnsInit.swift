import KernelInterface
import OCI
import Trace

/// `runc init` for `runc exec` (`_LIBCONTAINER_INITTYPE=setns`): the two stages of
/// SetnsSync.swift. Both are single-threaded processes that never started a Task, which
/// setns(2) requires (as nsexec.c runs before the Go runtime starts its threads).
struct SetnsInit {
    let context: ProcessContext
    let pipe: SyncPipe

    var kernel: Kernel { context.kernel }

    func run() -> Int32 {
        let second = context.environmentValue(SetnsInitEnvironment.stageName) == SetnsInitEnvironment.secondStage
        do {
            guard let config = try pipe.receive(ExecInitConfig.self) else { return 1 }
            if second { return try stageTwo(config) }
            return try stageOne(config)
        } catch {
            let failure = error as? RuncError ?? RuncError(.system, "\(error)", stage: "runc exec/init")
            let message = SetnsMessage(type: .procError, stage: failure.stage, message: failure.message)
            if (try? pipe.send(message)) == nil {
                context.printError("runc init: \(failure.stage): \(failure.message)")
            }
            return 1
        }
    }

    /// nsexec.c's first child: joins the container's pid namespace, which only its children
    /// enter, and starts stage 2 there with the sync socket (fd 3, inherited).
    private func stageOne(_ config: ExecInitConfig) throws -> Int32 {
        if config.namespaces.contains("pid") {
            try join(["pid"], initPid: config.initPid)
        }
        var environment = context.environment.filter {
            $0.hasPrefix(ProcessContext.traceEnvironmentName + "=") || $0.hasPrefix("_LIBCONTAINER_")
        }
        if let tracer = kernel.tracer {
            environment += HopContext(hop: tracer.current, parentSpanID: nil).environment
        }
        environment.append("\(SetnsInitEnvironment.stageName)=\(SetnsInitEnvironment.secondStage)")
        // nsexec.c's last child starts a session of its own; a terminal needs it, to be its
        // controlling terminal.
        let terminal = StandardInit.consoleSocket(in: context.environment) != nil
        let pid = try runStage("exec", "startStageTwo()") {
            try kernel.spawn(SpawnRequest(path: config.initExecutable, arguments: ["glassbox-runc", "init"], environment: environment,
                                          newSession: terminal))
        }
        try pipe.send(SetnsMessage(type: .procPid, pid: pid.rawValue))
        return 0
    }

    /// setns_init_linux.go `Init`: joins the remaining namespaces (the mount namespace last:
    /// after it the host's /proc is out of reach), then the process's own settings, as the
    /// container's first process had them, and execs.
    private func stageTwo(_ config: ExecInitConfig) throws -> Int32 {
        let order = ["user", "ipc", "uts", "network", "cgroup", "mount"]
        try join(order.filter { config.namespaces.contains($0) }, initPid: config.initPid)
        let standardInit = StandardInit(kernel: kernel, config: InitConfig(id: config.id, spec: config.spec, rootfs: "/", fifoFD: -1),
                                        consoleSocket: StandardInit.consoleSocket(in: context.environment))
        try standardInit.setupConsole(socket: standardInit.consoleSocket)
        try standardInit.setNoNewPrivileges()
        try standardInit.dropBoundingCapabilities()
        let environment = try standardInit.setupUser()
        try standardInit.applyCapabilities()
        try standardInit.setRlimits()
        try standardInit.changeDirectory()
        let path = try standardInit.exec(environment: environment)
        try pipe.send(SetnsMessage(type: .procReady))
        pipe.close()
        do {
            try kernel.execve(path, standardInit.process.args ?? [], environment)
        } catch {
            context.printError("runc init: exec \(path): \(error)")
            return 127
        }
    }

    /// nsexec.c `join_namespaces`: every `/proc/<init>/ns/<kind>` is opened first, then joined
    /// in order, so the last join (mnt) cannot hide a file still to open.
    private func join(_ kinds: [String], initPid: Int) throws {
        var handles: [(FileDescriptor, Namespaces, String)] = []
        defer { for (fd, _, _) in handles { try? kernel.close(fd) } }
        for kind in kinds {
            guard let entry = Namespaces.all.first(where: { $0.oci == kind }) else { continue }
            let path = "/proc/\(initPid)/ns/\(entry.proc)"
            let fd = try runStage("exec", "joinNamespaces()", operation: "open \(path)") {
                try kernel.open(path, [.readOnly, .closeOnExec], mode: 0)
            }
            handles.append((fd, entry.0, path))
        }
        for (fd, namespace, path) in handles {
            try runStage("exec", "joinNamespaces()", operation: "setns \(path)") { try kernel.setns(fd, namespace) }
        }
    }
}

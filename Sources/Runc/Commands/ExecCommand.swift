import KernelInterface
import OCI

/// `runc exec [--process FILE] [--detach] [--pid-file F] [--cwd D] [--env K=V]… [--user U[:G]]
/// [--additional-gids G]… [--cap C]… [--no-new-privs] [--tty] ID [COMMAND ARGS…]`: runs one
/// more process in a running container (exec.go). The flags come before the id; everything
/// after the id is the command, as runc's `SkipArgReorder` reads it.
struct ExecCommand {
    var id: String
    var command: [String]
    var processFile: String?
    var detach = false
    var pidFile: String?
    var cwd: String?
    var environment: [String] = []
    var user: String?
    var additionalGids: [UInt32] = []
    var capabilities: [String] = []
    var noNewPrivileges: Bool?
    var tty = false
    var consoleSocket: String?

    init(arguments: [String]) throws {
        var reader = ArgumentReader(arguments, command: "exec")
        var positionals: [String] = []
        while positionals.isEmpty, let argument = reader.next() {
            switch argument.name {
            case "--process", "--p": processFile = try reader.value(for: argument)
            case "--detach", "--d": detach = true
            case "--pid-file": pidFile = try reader.value(for: argument)
            case "--cwd": cwd = try reader.value(for: argument)
            case "--env", "--e": environment.append(try reader.value(for: argument))
            case "--user", "--u": user = try reader.value(for: argument)
            case "--additional-gids", "--g":
                let text = try reader.value(for: argument)
                guard let gid = UInt32(text) else {
                    throw RuncError(.invalidArgument, "invalid value \"\(text)\" for flag -additional-gids", stage: "runc exec")
                }
                additionalGids.append(gid)
            case "--cap", "--c": capabilities.append(try reader.value(for: argument))
            case "--no-new-privs": noNewPrivileges = true
            case "--tty", "--t": tty = true
            case "--console-socket": consoleSocket = try reader.value(for: argument)
            default: positionals.append(try ArgumentReader.positionals(argument, command: "exec"))
            }
        }
        guard let id = positionals.first else {
            throw RuncError(.invalidArgument, "\"exec\" requires a minimum of 1 argument(s)", stage: "runc exec")
        }
        self.id = id
        self.command = reader.remaining
    }

    func run(_ runtime: Runtime) throws -> Int32 {
        do {
            return try execute(runtime)
        } catch let error as RuncError where error.code != .invalidArgument || error.stage != "runc exec" {
            // exec.go: every failure past the command line is `fatalWithCode("exec failed: …", 255)`.
            throw RuncError(error.code, "exec failed: \(error.message)", stage: error.stage)
        }
    }

    private func execute(_ runtime: Runtime) throws -> Int32 {
        let kernel = runtime.kernel
        let paths = runtime.paths(id)
        let record = try ContainerRecord.load(kernel: kernel, paths: paths, stage: "runc exec/load")
        let status = record.currentStatus(kernel: kernel, paths: paths)
        guard status != .stopped else {
            throw RuncError(.failedPrecondition, "cannot exec in a stopped container", stage: "runc exec/status")
        }
        let spec = try BundleSpec.load(kernel: kernel, bundle: record.bundle)
        var process = try self.process(kernel: kernel, containerProcess: spec.process)
        if tty { process.terminal = true }
        if process.terminal == true, consoleSocket == nil {
            // runc without --detach would copy the pty itself; glassbox-runc always hands it over.
            throw RuncError(.invalidArgument, ConsoleEnvironment.needsSocket, stage: "runc exec/tty")
        }
        if process.terminal != true, consoleSocket != nil {
            throw RuncError(.invalidArgument, ConsoleEnvironment.needsTerminal, stage: "runc exec/tty")
        }
        var execSpec = spec
        execSpec.process = process
        let execution = ContainerExec(runtime: runtime, record: record, spec: execSpec, detach: detach, consoleSocket: consoleSocket)
        let pid = try execution.start()
        if let pidFile { try CreateCommand.writePidFile(pidFile, pid: Int(pid.rawValue), kernel: kernel) }
        runtime.logger.debug("exec'd pid \(pid) in container \(id)")
        if detach { return 0 }
        return try execution.wait(pid)
    }

    /// exec.go `getProcess`: the `--process` file whole, or the container's own process with
    /// the command and the flags laid over it; then `validateProcessSpec`.
    func process(kernel: Kernel, containerProcess: Spec.Process?) throws -> Spec.Process {
        var process: Spec.Process
        if let processFile {
            let bytes: [UInt8]
            do {
                bytes = try kernel.readFile(processFile)
            } catch let errno as Errno {
                throw RuncError.syscall(errno, "open \(processFile)", stage: "runc exec/process")
            }
            do {
                process = try OCIJSON.decode(Spec.Process.self, from: bytes)
            } catch {
                throw RuncError(.invalidArgument, "\(processFile): \(error)", stage: "runc exec/process")
            }
        } else {
            guard !command.isEmpty else {
                throw RuncError(.invalidArgument, "process args cannot be empty", stage: "runc exec/process")
            }
            process = containerProcess ?? Spec.Process(cwd: "/")
            process.args = command
            if let cwd { process.cwd = cwd }
            process.env = (process.env ?? []) + environment
            process.terminal = tty
            if let noNewPrivileges { process.noNewPrivileges = noNewPrivileges }
            try applyUser(to: &process)
            if !additionalGids.isEmpty { process.user.additionalGids = (process.user.additionalGids ?? []) + additionalGids }
            applyCapabilities(to: &process)
        }
        guard !process.cwd.isEmpty else { throw RuncError(.invalidArgument, "Cwd property must not be empty", stage: "runc exec/process") }
        guard process.cwd.hasPrefix("/") else { throw RuncError(.invalidArgument, "Cwd must be an absolute path", stage: "runc exec/process") }
        guard let args = process.args, !args.isEmpty else { throw RuncError(.invalidArgument, "args must not be empty", stage: "runc exec/process") }
        return process
    }

    /// `--user uid[:gid]`, numbers only, as runc parses it.
    private func applyUser(to process: inout Spec.Process) throws {
        guard let user, !user.isEmpty else { return }
        let parts = user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let uid = UInt32(parts[0]) else {
            throw RuncError(.invalidArgument, "parsing \(parts[0]) as int for uid failed", stage: "runc exec/process")
        }
        process.user.uid = uid
        if parts.count > 1 {
            guard let gid = UInt32(parts[1]) else {
                throw RuncError(.invalidArgument, "parsing \(parts[1]) as int for gid failed", stage: "runc exec/process")
            }
            process.user.gid = gid
        }
    }

    /// `--cap`: added to the bounding, effective and permitted sets, and to ambient only when
    /// the process already has inheritable ones (ambient needs inheritable).
    private func applyCapabilities(to process: inout Spec.Process) {
        guard !capabilities.isEmpty else { return }
        var sets = process.capabilities ?? Spec.LinuxCapabilities()
        sets.bounding = (sets.bounding ?? []) + capabilities
        sets.effective = (sets.effective ?? []) + capabilities
        sets.permitted = (sets.permitted ?? []) + capabilities
        if sets.inheritable != nil { sets.ambient = (sets.ambient ?? []) + capabilities }
        process.capabilities = sets
    }
}

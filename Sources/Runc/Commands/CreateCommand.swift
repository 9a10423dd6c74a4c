import KernelInterface
import OCI

/// `runc create [--bundle DIR] [--pid-file F] [--console-socket S] ID`: sets the container up
/// and leaves its init waiting on exec.fifo (create.go).
struct CreateCommand {
    var id: String
    var bundle: String?
    var pidFile: String?
    var consoleSocket: String?

    init(arguments: [String]) throws {
        var reader = ArgumentReader(arguments, command: "create")
        var positionals: [String] = []
        var bundle: String?, pidFile: String?, consoleSocket: String?
        while let argument = reader.next() {
            switch argument.name {
            case "--bundle", "--b": bundle = try reader.value(for: argument)
            case "--pid-file": pidFile = try reader.value(for: argument)
            case "--console-socket": consoleSocket = try reader.value(for: argument)
            default: positionals.append(try ArgumentReader.positionals(argument, command: "create"))
            }
        }
        self.id = try CreateCommand.singleID(positionals, command: "create")
        self.bundle = bundle
        self.pidFile = pidFile
        self.consoleSocket = consoleSocket
    }

    func run(_ runtime: Runtime) throws -> Int32 {
        let record = try create(runtime)
        runtime.lifecycle("container.created", record)
        return 0
    }

    /// The creation shared with `runc run`: validate everything, then `ContainerCreation`.
    func create(_ runtime: Runtime) throws -> ContainerRecord {
        let kernel = runtime.kernel
        try ContainerPaths.validate(id: id, stage: "runc create")
        let bundle = try absoluteBundle(kernel: kernel)
        let spec = try BundleSpec.load(kernel: kernel, bundle: bundle)
        // utils_linux.go `setupIO`: a terminal needs the socket its master is sent over.
        if spec.process?.terminal == true, consoleSocket == nil {
            throw RuncError(.invalidArgument, ConsoleEnvironment.needsSocket, stage: "runc create")
        }
        if spec.process?.terminal != true, consoleSocket != nil {
            throw RuncError(.invalidArgument, ConsoleEnvironment.needsTerminal, stage: "runc create")
        }
        let rootfs = try BundleSpec.rootfs(of: spec, bundle: bundle)
        try BundleSpec.validate(spec, rootfs: rootfs, kernel: kernel)
        for warning in BundleSpec.skippedFeatures(of: spec, kernel: kernel) { runtime.logger.warning(warning) }
        let record = try ContainerCreation(runtime: runtime, id: id, bundle: bundle, spec: spec, rootfs: rootfs, consoleSocket: consoleSocket).run()
        if let pidFile {
            do {
                try CreateCommand.writePidFile(pidFile, pid: record.pid, kernel: kernel)
            } catch {
                // utils_linux.go's runner destroys a container whose pid file it could not
                // write: the caller never learns the pid, so nothing would ever delete it.
                _ = try? ContainerDestroy.delete(runtime, id: id, force: true)
                throw error
            }
        }
        return record
    }

    /// runc resolves the bundle against the working directory (the shim runs it with cwd =
    /// the bundle).
    private func absoluteBundle(kernel: Kernel) throws -> String {
        let given = bundle ?? ""
        if given.hasPrefix("/") { return given }
        let cwd = try runStage("create", "bundle()") { try kernel.getcwd() }
        return given.isEmpty || given == "." ? cwd : joinPath(cwd, given)
    }

    /// utils_linux.go `createPidFile`: the pid with no newline, written to a dot-file beside
    /// the target and renamed, so a reader never sees it half written (`runc exec` too).
    static func writePidFile(_ path: String, pid: Int, kernel: Kernel) throws {
        let directory = parentDirectory(path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = joinPath(directory, "." + name)
        try runStage("create", "pidFile()", operation: "write pid file \(path)") {
            try kernel.writeFile(temporary, String(pid))
            try kernel.rename(temporary, path)
        }
    }

    /// The one container id most commands take (runc's `checkArgs(context, 1, exactArgs)`).
    static func singleID(_ positionals: [String], command: String) throws -> String {
        guard positionals.count == 1 else {
            throw RuncError(.invalidArgument,
                            "\"\(command)\" requires exactly 1 argument(s): the container id, got \(positionals.count)",
                            stage: "runc \(command)")
        }
        return positionals[0]
    }
}

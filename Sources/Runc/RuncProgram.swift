import KernelInterface

/// `glassbox-runc`, the OCI runtime, with runc's command line:
///
///     glassbox-runc [--root DIR] [--log FILE] [--log-format json|text] [--debug] COMMAND …
///
/// Commands: create, start, run, exec, state, kill, delete, list, ps, and the internal `init`
/// that `exec` re-runs to join a container's namespaces (`create` forks its init instead). One
/// command per file in Commands/.
public enum RuncProgram {
    public static let program = Program(name: "glassbox-runc", participant: "runc") { context in
        main(context)
    }

    static func main(_ context: ProcessContext) -> Int32 {
        // runc writes to pipes and sockets whose readers may be gone, as Go programs do.
        try? context.kernel.ignoreSignal(.SIGPIPE, true)
        let arguments = Array(context.arguments.dropFirst())
        if arguments.first == "init" {
            // Only `runc exec` executes the init; `runc create` forks its own (InitCommand).
            guard context.environmentValue("_LIBCONTAINER_INITTYPE") == SetnsInitEnvironment.initType,
                  let fd = context.environmentValue(SyncPipe.initPipeEnvironment).flatMap(Int32.init) else {
                context.printError("runc init: internal: started by runc exec, with \(SyncPipe.initPipeEnvironment) set")
                return 1
            }
            return SetnsInit(context: context, pipe: SyncPipe(kernel: context.kernel, fd: FileDescriptor(fd))).run()
        }

        let parsed: (GlobalOptions, command: String, rest: [String])
        let logger: RuncLogger
        do {
            parsed = try GlobalOptions.parse(arguments)
            logger = try RuncLogger.open(kernel: context.kernel, options: parsed.0)
        } catch {
            context.printError("\(error)")
            return 2
        }
        let runtime = Runtime(context: context, options: parsed.0, logger: logger)
        do {
            return try dispatch(parsed.command, parsed.rest, runtime)
        } catch let error as RuncError {
            return fatal(error, command: parsed.command, runtime)
        } catch {
            return fatal(RuncError(.system, "\(error)", stage: "runc \(parsed.command)"), command: parsed.command, runtime)
        }
    }

    static func dispatch(_ command: String, _ arguments: [String], _ runtime: Runtime) throws -> Int32 {
        runtime.logger.debug("\(command) \(arguments.joined(separator: " "))")
        switch command {
        case "create": return try CreateCommand(arguments: arguments).run(runtime)
        case "start": return try StartCommand(arguments: arguments).run(runtime)
        case "run": return try RunCommand(arguments: arguments).run(runtime)
        case "exec": return try ExecCommand(arguments: arguments).run(runtime)
        case "state": return try StateCommand(arguments: arguments).run(runtime)
        case "kill": return try KillCommand(arguments: arguments).run(runtime)
        case "delete": return try DeleteCommand(arguments: arguments).run(runtime)
        case "list": return try ListCommand(arguments: arguments).run(runtime)
        case "ps": return try PsCommand(arguments: arguments).run(runtime)
        default:
            throw RuncError(.invalidArgument, "No help topic for '\(command)'", stage: "runc")
        }
    }

    /// main.go `fatal`: the error goes to the log, where the shim looks for it; create and run
    /// prefix it as runc 1.1 does (`runc create failed: …`). With `--log` nothing is printed
    /// to stderr: the shim gives runc the container's stdio pipes as its own, so text there
    /// would show in the container's output (without `--log` the log *is* stderr).
    static func fatal(_ error: RuncError, command: String, _ runtime: Runtime) -> Int32 {
        let message = command == "create" || command == "run" ? "runc \(command) failed: \(error.message)" : error.message
        runtime.logger.error(message)
        runtime.kernel.tracer?.log("\(error.stage): \(message)")
        // exec.go's `fatalWithCode(…, 255)` for everything `exec` fails at past its arguments.
        if command == "exec" && message.hasPrefix("exec failed: ") { return 255 }
        return error.exitStatus
    }
}

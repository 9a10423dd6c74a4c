import KernelInterface

/// `runc kill ID [SIGNAL]`: sends a signal (default SIGTERM; a name or a number) to the
/// container's init (kill.go).
struct KillCommand {
    var id: String
    var signal: Signal = .SIGTERM

    init(arguments: [String]) throws {
        var reader = ArgumentReader(arguments, command: "kill")
        var positionals: [String] = []
        while let argument = reader.next() {
            positionals.append(try ArgumentReader.positionals(argument, command: "kill"))
        }
        guard positionals.count == 1 || positionals.count == 2 else {
            throw RuncError(.invalidArgument, "\"kill\" requires a minimum of 1 and a maximum of 2 arguments", stage: "runc kill")
        }
        id = positionals[0]
        if positionals.count == 2 {
            guard let parsed = Signal(parsing: positionals[1]) else {
                throw RuncError(.invalidArgument, "unknown signal \"\(positionals[1])\"", stage: "runc kill")
            }
            signal = parsed
        }
    }

    func run(_ runtime: Runtime) throws -> Int32 {
        let kernel = runtime.kernel
        let paths = runtime.paths(id)
        let record = try ContainerRecord.load(kernel: kernel, paths: paths, stage: "runc kill")
        _ = try record.currentStatus(kernel: kernel, paths: paths).after(.signal, id: id)
        try runStage("kill", "signal()", operation: "kill \(record.pid) \(signal.name)") {
            do {
                try kernel.kill(ProcessID(Int32(record.pid)), signal)
            } catch Errno.ESRCH {
                throw RuncError(.failedPrecondition, "container not running", stage: "runc kill/signal")
            }
        }
        return 0
    }
}

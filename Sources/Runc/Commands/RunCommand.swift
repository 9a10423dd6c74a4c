import KernelInterface

/// `runc run [--bundle DIR] [--pid-file F] [--detach] ID`: create, start and — unless
/// detached — wait for the process and delete the container, exiting with the process's
/// status (run.go). The init stays this process's child, so it is reaped here.
struct RunCommand {
    var create: CreateCommand
    var detach = false

    init(arguments: [String]) throws {
        var remaining: [String] = []
        for argument in arguments {
            if argument == "--detach" || argument == "-d" || argument == "--d" { detach = true } else { remaining.append(argument) }
        }
        create = try CreateCommand(arguments: remaining)
    }

    func run(_ runtime: Runtime) throws -> Int32 {
        let created: ContainerRecord
        do {
            created = try create.create(runtime)
        } catch let error as RuncError {
            throw RuncError(error.code, error.message, stage: error.stage.replacingPrefix("runc create", with: "runc run"))
        }
        runtime.lifecycle("container.created", created)
        let started = try ContainerStart.start(runtime, id: create.id)
        runtime.lifecycle("container.started", started)
        if detach { return 0 }
        let status = try runStage("run", "wait()") { try runtime.kernel.wait4(ProcessID(Int32(started.pid)), options: []) }
        if let deleted = try ContainerDestroy.delete(runtime, id: create.id, force: false) {
            runtime.lifecycle("container.deleted", deleted)
        }
        return status?.status.exitCode ?? 0
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}

/// `runc start ID`: lets a created container's init exec the process (start.go).
struct StartCommand {
    var id: String

    init(arguments: [String]) throws {
        var reader = ArgumentReader(arguments, command: "start")
        var positionals: [String] = []
        while let argument = reader.next() {
            positionals.append(try ArgumentReader.positionals(argument, command: "start"))
        }
        id = try CreateCommand.singleID(positionals, command: "start")
    }

    func run(_ runtime: Runtime) throws -> Int32 {
        let record = try ContainerStart.start(runtime, id: id)
        runtime.lifecycle("container.started", record)
        return 0
    }
}

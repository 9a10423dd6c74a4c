/// `runc delete [--force] ID`: removes a stopped container; `--force` kills a running one
/// first (delete.go).
struct DeleteCommand {
    var id: String
    var force = false

    init(arguments: [String]) throws {
        var reader = ArgumentReader(arguments, command: "delete")
        var positionals: [String] = []
        while let argument = reader.next() {
            switch argument.name {
            case "--force", "--f": force = true
            default: positionals.append(try ArgumentReader.positionals(argument, command: "delete"))
            }
        }
        id = try CreateCommand.singleID(positionals, command: "delete")
    }

    func run(_ runtime: Runtime) throws -> Int32 {
        if let record = try ContainerDestroy.delete(runtime, id: id, force: force) {
            runtime.lifecycle("container.deleted", record)
        }
        return 0
    }
}

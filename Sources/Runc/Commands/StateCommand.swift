import KernelInterface
import OCI
import Trace

/// `runc state ID`: prints the container's OCI state as computed now, indented with two
/// spaces and in the field order runc's `containerState` marshals (state.go).
struct StateCommand {
    var id: String

    init(arguments: [String]) throws {
        var reader = ArgumentReader(arguments, command: "state")
        var positionals: [String] = []
        while let argument = reader.next() {
            positionals.append(try ArgumentReader.positionals(argument, command: "state"))
        }
        id = try CreateCommand.singleID(positionals, command: "state")
    }

    func run(_ runtime: Runtime) throws -> Int32 {
        let paths = runtime.paths(id)
        let record = try ContainerRecord.load(kernel: runtime.kernel, paths: paths, stage: "runc state")
        let state = record.state(status: record.currentStatus(kernel: runtime.kernel, paths: paths))
        runtime.context.print(StateCommand.json(state).pretty())
        return 0
    }

    static func json(_ state: State) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ociVersion", .string(state.ociVersion)), ("id", .string(state.id)), ("pid", .int(Int64(state.pid))),
            ("status", .string(state.status.rawValue)), ("bundle", .string(state.bundle)),
            ("rootfs", .string(state.rootfs)), ("created", .string(state.created)), ("owner", .string(state.owner)),
        ]
        if let annotations = state.annotations, !annotations.isEmpty {
            members.append(("annotations", .object(annotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        return .object(members)
    }
}

import KernelInterface
import Trace

/// `runc ps [--format table|json] ID`: the processes in the container's cgroup (ps.go). The
/// json form is the pid list containerd's shim reads; the table shows each pid's command line.
struct PsCommand {
    var id: String
    var json = false

    init(arguments: [String]) throws {
        var reader = ArgumentReader(arguments, command: "ps")
        var positionals: [String] = []
        while let argument = reader.next() {
            switch argument.name {
            case "--format", "--f": json = try reader.value(for: argument) == "json"
            default: positionals.append(try ArgumentReader.positionals(argument, command: "ps"))
            }
        }
        id = try CreateCommand.singleID(positionals, command: "ps")
    }

    func run(_ runtime: Runtime) throws -> Int32 {
        let kernel = runtime.kernel
        let paths = runtime.paths(id)
        let record = try ContainerRecord.load(kernel: kernel, paths: paths, stage: "runc ps")
        let pids = try runStage("ps", "processes()") {
            try Cgroups.manager(kernel: kernel, record: record).processes()
        }
        if json {
            runtime.context.print(JSONValue.array(pids.map { .int(Int64($0.rawValue)) }).serialized)
            return 0
        }
        var rows = [["PID", "CMD"]]
        for pid in pids {
            let cmdline = (try? kernel.readFile("/proc/\(pid.rawValue)/cmdline")) ?? []
            let words = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            rows.append([String(pid.rawValue), words.joined(separator: " ")])
        }
        runtime.context.print(ListCommand.table(rows), terminator: "")
        return 0
    }
}

import KernelInterface
import OCI
import Trace

/// `runc list [--format table|json] [--quiet]`: every container under `--root` (list.go),
/// as a table padded as Go's tabwriter pads runc's (minimum width 12, padding 3).
struct ListCommand {
    var json = false
    var quiet = false

    init(arguments: [String]) throws {
        var reader = ArgumentReader(arguments, command: "list")
        while let argument = reader.next() {
            switch argument.name {
            case "--quiet", "--q": quiet = true
            case "--format", "--f":
                let format = try reader.value(for: argument)
                guard format == "table" || format == "json" else {
                    throw RuncError(.invalidArgument, "invalid format option", stage: "runc list")
                }
                json = format == "json"
            default:
                throw RuncError(.invalidArgument, "\"list\" takes no arguments: \(argument.name)", stage: "runc list")
            }
        }
    }

    func run(_ runtime: Runtime) throws -> Int32 {
        let states = try containers(runtime)
        if quiet {
            for state in states { runtime.context.print(state.id) }
        } else if json {
            runtime.context.print(JSONValue.array(states.map(StateCommand.json)).serialized)
        } else {
            var rows = [["ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"]]
            rows += states.map { [$0.id, String($0.pid), $0.status.rawValue, $0.bundle, $0.created, "root"] }
            runtime.context.print(ListCommand.table(rows), terminator: "")
        }
        return 0
    }

    private func containers(_ runtime: Runtime) throws -> [State] {
        let kernel = runtime.kernel
        let entries: [DirectoryEntry]
        do {
            entries = try kernel.readdir(runtime.options.root)
        } catch Errno.ENOENT {
            return []
        } catch let errno as Errno {
            throw RuncError.syscall(errno, "open \(runtime.options.root)", stage: "runc list")
        }
        return entries.filter { $0.kind == .directory && $0.name != "." && $0.name != ".." }
            .sorted { $0.name < $1.name }
            .compactMap { entry in
                let paths = runtime.paths(entry.name)
                guard let record = try? ContainerRecord.load(kernel: kernel, paths: paths, stage: "runc list") else { return nil }
                return record.state(status: record.currentStatus(kernel: kernel, paths: paths))
            }
    }

    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.first?.count else { return "" }
        let widths = (0..<columns).map { column in max(12, (rows.map { $0[column].count }.max() ?? 0) + 3) }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == columns - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined() + "\n"
        }.joined()
    }
}

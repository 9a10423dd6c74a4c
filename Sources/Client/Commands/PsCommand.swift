import KernelInterface
import Trace
import Wire

/// `glassbox ps [-a] [-q] [-n N | -l] [--no-trunc] [-f key=value] [--format T]`
/// (docker cli/command/container/list.go): `GET /containers/json` shown as docker's table.
struct PsCommand: ClientCommand {
    static let usage = "ps [OPTIONS]"
    static let summary = "List containers"
    static let parser = FlagParser([
        .bool("all", "a"), .bool("quiet", "q"), .value("last", "n"), .bool("latest", "l"), .bool("no-trunc"),
        .value("filter", "f"), .value("format"), .bool("size", "s"),
    ])
    static let defaultTable = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"
    static let headers = [
        "ID": "CONTAINER ID", "Image": "IMAGE", "Command": "COMMAND", "RunningFor": "CREATED", "Status": "STATUS",
        "Ports": "PORTS", "Names": "NAMES", "CreatedAt": "CREATED AT", "State": "STATE", "Labels": "LABELS",
        "Size": "SIZE", "Mounts": "MOUNTS", "Networks": "NETWORKS", "LocalVolumes": "LOCAL VOLUMES",
    ]

    var all: Bool
    var quiet: Bool
    var last: Int
    var noTrunc: Bool
    var filters: EngineFilters
    var format: String

    init(_ parsed: FlagParser.Parsed) throws {
        all = parsed.bool("all")
        quiet = parsed.bool("quiet")
        last = parsed.bool("latest") ? 1 : try parsed.integer("last") ?? -1
        noTrunc = parsed.bool("no-trunc")
        filters = try Self.filters(parsed.all("filter"))
        format = parsed.value("format") ?? ""
        if !parsed.arguments.isEmpty { throw UsageError(description: "\"ps\" accepts no arguments.") }
    }

    /// `-f key=value` flags as the API's filters.
    static func filters(_ flags: [String]) throws -> EngineFilters {
        var filters = EngineFilters()
        for flag in flags {
            let parts = flag.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw UsageError(description: "bad format of filter (expected name=value)") }
            filters.values[parts[0], default: []].append(parts[1])
        }
        return filters
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        var query = "/containers/json?"
        if all { query += "all=1&" }
        if last > 0 { query += "limit=\(last)&" }
        if !filters.values.isEmpty { query += "filters=" + percentEncode(filters.encoded) }
        if query.hasSuffix("&") || query.hasSuffix("?") { query.removeLast() }
        let containers = try client.decode([ContainerSummary].self, "GET", query)
        if quiet {
            for container in containers { context.print(noTrunc ? container.Id : String(container.Id.prefix(12))) }
            return 0
        }
        let now = context.kernel.clockGettime(.realtime)
        let rows = containers.map { row($0, now: now) }
        context.print(try Formatter(format: format, defaultTable: PsCommand.defaultTable, headers: PsCommand.headers).render(rows), terminator: "")
        return 0
    }

    /// The fields a `--format` template sees (docker's containerContext).
    func row(_ container: ContainerSummary, now: Int64) -> JSONValue {
        var command = container.Command
        if !noTrunc && command.count > 20 { command = String(command.prefix(19)) + "…" }
        let labels = container.Labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return .object([
            ("Command", .string("\"" + command + "\"")), ("CreatedAt", .string(ClientTime.goString(seconds: container.Created))),
            ("ID", .string(noTrunc ? container.Id : String(container.Id.prefix(12)))), ("Image", .string(container.Image)),
            ("Labels", .string(labels)), ("LocalVolumes", .string("0")), ("Mounts", .string("")),
            ("Names", .string(container.Names.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 }.joined(separator: ","))),
            ("Networks", .string("")), ("Ports", .string("")),
            ("RunningFor", .string(HumanUnits.duration(nanoseconds: now - container.Created * 1_000_000_000) + " ago")),
            ("Size", .string("0B")), ("State", .string(container.State)), ("Status", .string(container.Status)),
        ])
    }
}

/// Times as the docker CLI prints them.
enum ClientTime {
    /// Go's time.Time.String() in UTC: `2026-11-22 18:32:28 +0000 UTC`.
    static func goString(seconds: Int64) -> String {
        let text = Timestamp.rfc3339(nanoseconds: seconds * 1_000_000_000)
        return text.prefix(10) + " " + text.dropFirst(11).prefix(8) + " +0000 UTC"
    }
}

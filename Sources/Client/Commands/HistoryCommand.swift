import KernelInterface
import Trace
import Wire

/// `glassbox history IMAGE`: the image's steps, newest first.
struct HistoryCommand: ClientCommand {
    static let usage = "history [OPTIONS] IMAGE"
    static let summary = "Show the history of an image"
    static let parser = FlagParser([.bool("quiet", "q"), .bool("no-trunc"), .value("format")])
    static let defaultTable = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
    static let headers = ["ID": "IMAGE", "CreatedSince": "CREATED", "CreatedBy": "CREATED BY", "Size": "SIZE", "Comment": "COMMENT"]

    var format: String
    var noTrunc: Bool
    var image: String

    init(_ parsed: FlagParser.Parsed) throws {
        format = parsed.value("format") ?? (parsed.bool("quiet") ? "{{.ID}}" : "")
        noTrunc = parsed.bool("no-trunc")
        guard parsed.arguments.count == 1 else { throw UsageError.exactly(1, "history") }
        image = parsed.arguments[0]
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let items = try client.decode([ImageHistoryItem].self, "GET", "/images/\(image)/history")
        let now = context.kernel.clockGettime(.realtime)
        let rows: [JSONValue] = items.map { item in
            var createdBy = item.CreatedBy
            if !noTrunc && createdBy.count > 45 { createdBy = String(createdBy.prefix(44)) + "…" }
            let id = item.Id.hasPrefix("sha256:") && !noTrunc ? String(item.Id.dropFirst(7).prefix(12)) : item.Id
            return .object([
                ("Comment", .string(item.Comment)), ("CreatedAt", .string(ClientTime.goString(seconds: item.Created))),
                ("CreatedBy", .string(createdBy)), ("CreatedSince", .string(HumanUnits.duration(nanoseconds: now - item.Created * 1_000_000_000) + " ago")),
                ("ID", .string(id)), ("Size", .string(HumanUnits.size(item.Size))),
            ])
        }
        context.print(try Formatter(format: format, defaultTable: HistoryCommand.defaultTable, headers: HistoryCommand.headers).render(rows), terminator: "")
        return 0
    }
}

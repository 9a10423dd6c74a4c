import KernelInterface
import Trace
import Wire

/// `glassbox images [-q] [--no-trunc] [--format T] [REPOSITORY[:TAG]]`
/// (docker cli/command/image/list.go): one row per tag.
struct ImagesCommand: ClientCommand {
    static let usage = "images [OPTIONS] [REPOSITORY[:TAG]]"
    static let summary = "List images"
    static let parser = FlagParser([.bool("quiet", "q"), .bool("no-trunc"), .value("format"), .bool("all", "a"), .bool("digests")])
    static let defaultTable = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    static let headers = ["Repository": "REPOSITORY", "Tag": "TAG", "ID": "IMAGE ID", "CreatedSince": "CREATED",
                          "CreatedAt": "CREATED AT", "Size": "SIZE", "Digest": "DIGEST"]

    var quiet: Bool
    var noTrunc: Bool
    var format: String
    var repository: String?

    init(_ parsed: FlagParser.Parsed) throws {
        quiet = parsed.bool("quiet")
        noTrunc = parsed.bool("no-trunc")
        format = parsed.value("format") ?? ""
        guard parsed.arguments.count <= 1 else { throw UsageError(description: "\"images\" requires at most 1 argument.") }
        repository = parsed.arguments.first
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let images = try client.decode([ImageSummary].self, "GET", "/images/json")
        let now = context.kernel.clockGettime(.realtime)
        var rows: [JSONValue] = []
        var seen: Set<String> = []
        for image in images {
            let id = noTrunc ? image.Id : String(image.Id.dropFirst("sha256:".count).prefix(12))
            for tag in image.RepoTags {
                let colon = tag.lastIndex(of: ":") ?? tag.endIndex
                let name = String(tag[..<colon]), version = colon < tag.endIndex ? String(tag[tag.index(after: colon)...]) : "<none>"
                if let repository, !(repository == name || repository == tag) { continue }
                if quiet {
                    if seen.insert(id).inserted { context.print(id) }
                    continue
                }
                rows.append(.object([
                    ("Containers", .string("N/A")), ("CreatedAt", .string(ClientTime.goString(seconds: image.Created))),
                    ("CreatedSince", .string(HumanUnits.duration(nanoseconds: now - image.Created * 1_000_000_000) + " ago")),
                    ("Digest", .string("<none>")), ("ID", .string(id)), ("Repository", .string(name)),
                    ("SharedSize", .string("N/A")), ("Size", .string(HumanUnits.size(image.Size))), ("Tag", .string(version)),
                    ("UniqueSize", .string("N/A")), ("VirtualSize", .string(HumanUnits.size(image.Size))),
                ]))
            }
        }
        if quiet { return 0 }
        context.print(try Formatter(format: format, defaultTable: ImagesCommand.defaultTable, headers: ImagesCommand.headers).render(rows), terminator: "")
        return 0
    }
}

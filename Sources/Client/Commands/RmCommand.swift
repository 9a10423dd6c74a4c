import KernelInterface
import Wire

/// `glassbox rm [-f] [-v] CONTAINER...`.
struct RmCommand: ClientCommand {
    static let usage = "rm [OPTIONS] CONTAINER [CONTAINER...]"
    static let summary = "Remove one or more containers"
    static let parser = FlagParser([.bool("force", "f"), .bool("volumes", "v"), .bool("link", "l")])

    var force: Bool
    var volumes: Bool
    var names: [String]

    init(_ parsed: FlagParser.Parsed) throws {
        force = parsed.bool("force")
        volumes = parsed.bool("volumes")
        guard !parsed.arguments.isEmpty else { throw UsageError.atLeast(1, "rm") }
        names = parsed.arguments
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        var query = [String]()
        if force { query.append("force=1") }
        if volumes { query.append("v=1") }
        let suffix = query.isEmpty ? "" : "?" + query.joined(separator: "&")
        return client.forEach(names, context: context) { name in
            try client.check(try client.send("DELETE", client.path("/containers/\(percentEncode(name))" + suffix)), expect: [204])
            return name
        }
    }
}

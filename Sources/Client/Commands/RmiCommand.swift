import KernelInterface
import Wire

/// `glassbox rmi [-f] IMAGE...`: prints each `Untagged:` and `Deleted:` line.
struct RmiCommand: ClientCommand {
    static let usage = "rmi [OPTIONS] IMAGE [IMAGE...]"
    static let summary = "Remove one or more images"
    static let parser = FlagParser([.bool("force", "f"), .bool("no-prune")])

    var force: Bool
    var images: [String]

    init(_ parsed: FlagParser.Parsed) throws {
        force = parsed.bool("force")
        guard !parsed.arguments.isEmpty else { throw UsageError.atLeast(1, "rmi") }
        images = parsed.arguments
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        client.forEach(images, context: context) { image in
            let items = try client.decode([ImageDeleteItem].self, "DELETE", "/images/\(image)" + (force ? "?force=1" : ""))
            return items.map { item in item.Untagged.map { "Untagged: " + $0 } ?? "Deleted: " + (item.Deleted ?? "") }.joined(separator: "\n")
        }
    }
}

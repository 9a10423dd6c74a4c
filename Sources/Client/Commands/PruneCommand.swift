import KernelInterface
import Wire

/// `glassbox container prune [-f]`: removes every stopped container; prints their ids and
/// the space reclaimed. Without a terminal to ask on, `-f` is required, as docker's prompt
/// would read "no" from a closed input.
struct PruneCommand: ClientCommand {
    static let usage = "container prune [OPTIONS]"
    static let summary = "Remove all stopped containers"
    static let parser = FlagParser([.bool("force", "f"), .value("filter")])

    var force: Bool
    var filters: EngineFilters

    init(_ parsed: FlagParser.Parsed) throws {
        force = parsed.bool("force")
        filters = try PsCommand.filters(parsed.all("filter"))
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        guard force else {
            context.printError("WARNING! This will remove all stopped containers.\nRun with -f to confirm.")
            return 1
        }
        let query = filters.values.isEmpty ? "" : "?filters=" + percentEncode(filters.encoded)
        let answer = try client.decode(ContainersPruneResponse.self, "POST", "/containers/prune" + query)
        if let deleted = answer.ContainersDeleted, !deleted.isEmpty {
            context.print("Deleted Containers:\n" + deleted.joined(separator: "\n") + "\n")
        }
        context.print("Total reclaimed space: " + HumanUnits.size(answer.SpaceReclaimed))
        return 0
    }
}

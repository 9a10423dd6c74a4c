import KernelInterface
import Wire

/// `glassbox top CONTAINER`: the container's processes as `ps -ef` columns, in docker's
/// tabwriter of minimum width 20.
struct TopCommand: ClientCommand {
    static let usage = "top CONTAINER [ps OPTIONS]"
    static let summary = "Display the running processes of a container"
    static let parser = FlagParser([], raw: true)

    var container: String

    init(_ parsed: FlagParser.Parsed) throws {
        guard let first = parsed.arguments.first else { throw UsageError.atLeast(1, "top") }
        container = first
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let top = try client.decode(ContainerTopResponse.self, "GET", "/containers/\(percentEncode(container))/top")
        let lines = [top.Titles.joined(separator: "\t")] + top.Processes.map { $0.joined(separator: "\t") }
        context.print(TableWriter(minimumWidth: 20, padding: 3).render(lines.joined(separator: "\n")))
        return 0
    }
}

import KernelInterface
import Wire

/// `glassbox create [OPTIONS] IMAGE [COMMAND] [ARG...]`: run's flags, pulling the image when
/// it is missing, then printing the new container's id.
struct CreateCommand: ClientCommand {
    static let usage = "create [OPTIONS] IMAGE [COMMAND] [ARG...]"
    static let summary = "Create a new container"
    static let parser = FlagParser([], raw: true)

    var options: RunOptions

    init(_ parsed: FlagParser.Parsed) throws {
        options = try RunOptions.parse(parsed.arguments, command: "create")
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        context.print(try RunCommand.create(options, client: client, context: context))
        return 0
    }
}

/// `glassbox start CONTAINER...`: prints each name given once it started.
struct StartCommand: ClientCommand {
    static let usage = "start [OPTIONS] CONTAINER [CONTAINER...]"
    static let summary = "Start one or more stopped containers"
    static let parser = FlagParser([.bool("attach", "a"), .bool("interactive", "i")])

    var names: [String]

    init(_ parsed: FlagParser.Parsed) throws {
        guard !parsed.arguments.isEmpty else { throw UsageError.atLeast(1, "start") }
        names = parsed.arguments
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        client.forEach(names, context: context) { name in
            try client.check(try client.send("POST", client.path("/containers/\(percentEncode(name))/start")), expect: [204, 304])
            return name
        }
    }
}

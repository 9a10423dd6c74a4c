import KernelInterface
import Wire

/// `glassbox restart [-t N] CONTAINER...`.
struct RestartCommand: ClientCommand {
    static let usage = "restart [OPTIONS] CONTAINER [CONTAINER...]"
    static let summary = "Restart one or more containers"
    static let parser = FlagParser([.value("time", "t"), .value("timeout")])

    var timeout: Int?
    var names: [String]

    init(_ parsed: FlagParser.Parsed) throws {
        timeout = try parsed.integer("time") ?? parsed.integer("timeout")
        guard !parsed.arguments.isEmpty else { throw UsageError.atLeast(1, "restart") }
        names = parsed.arguments
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let query = timeout.map { "?t=\($0)" } ?? ""
        return client.forEach(names, context: context) { name in
            try client.check(try client.send("POST", client.path("/containers/\(percentEncode(name))/restart" + query)), expect: [204])
            return name
        }
    }
}

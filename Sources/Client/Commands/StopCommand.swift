import KernelInterface
import Wire

/// `glassbox stop [-t N] CONTAINER...` (docker cli/command/container/stop.go; `-s` needs API 1.42).
struct StopCommand: ClientCommand {
    static let usage = "stop [OPTIONS] CONTAINER [CONTAINER...]"
    static let summary = "Stop one or more running containers"
    static let parser = FlagParser([.value("time", "t"), .value("timeout")])

    var timeout: Int?
    var names: [String]

    init(_ parsed: FlagParser.Parsed) throws {
        timeout = try parsed.integer("time") ?? parsed.integer("timeout")
        guard !parsed.arguments.isEmpty else { throw UsageError.atLeast(1, "stop") }
        names = parsed.arguments
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let query = timeout.map { "?t=\($0)" } ?? ""
        return client.forEach(names, context: context) { name in
            try client.check(try client.send("POST", client.path("/containers/\(percentEncode(name))/stop" + query)), expect: [204, 304])
            return name
        }
    }
}

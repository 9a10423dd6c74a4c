import KernelInterface
import Wire

/// `glassbox kill [-s SIGNAL] CONTAINER...`: SIGKILL unless a signal is named.
struct KillCommand: ClientCommand {
    static let usage = "kill [OPTIONS] CONTAINER [CONTAINER...]"
    static let summary = "Kill one or more running containers"
    static let parser = FlagParser([.value("signal", "s")])

    var signal: String?
    var names: [String]

    init(_ parsed: FlagParser.Parsed) throws {
        signal = parsed.value("signal")
        guard !parsed.arguments.isEmpty else { throw UsageError.atLeast(1, "kill") }
        names = parsed.arguments
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let query = signal.map { "?signal=" + percentEncode($0) } ?? ""
        return client.forEach(names, context: context) { name in
            try client.check(try client.send("POST", client.path("/containers/\(percentEncode(name))/kill" + query)), expect: [204])
            return name
        }
    }
}

import KernelInterface
import Wire

/// `glassbox wait CONTAINER...`: blocks until each stops, printing its exit code.
struct WaitCommand: ClientCommand {
    static let usage = "wait CONTAINER [CONTAINER...]"
    static let summary = "Block until one or more containers stop, then print their exit codes"
    static let parser = FlagParser([])

    var names: [String]

    init(_ parsed: FlagParser.Parsed) throws {
        guard !parsed.arguments.isEmpty else { throw UsageError.atLeast(1, "wait") }
        names = parsed.arguments
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        client.forEach(names, context: context) { name in
            let answer = try client.decode(ContainerWaitResponse.self, "POST", "/containers/\(percentEncode(name))/wait")
            return String(answer.StatusCode)
        }
    }
}

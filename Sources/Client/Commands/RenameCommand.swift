import KernelInterface
import Wire

/// `glassbox rename CONTAINER NEW_NAME`.
struct RenameCommand: ClientCommand {
    static let usage = "rename CONTAINER NEW_NAME"
    static let summary = "Rename a container"
    static let parser = FlagParser([])

    var container: String
    var newName: String

    init(_ parsed: FlagParser.Parsed) throws {
        guard parsed.arguments.count == 2 else { throw UsageError.exactly(2, "rename") }
        container = parsed.arguments[0]
        newName = parsed.arguments[1]
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let target = client.path("/containers/\(percentEncode(container))/rename?name=" + percentEncode(newName))
        try client.check(try client.send("POST", target), expect: [204])
        return 0
    }
}

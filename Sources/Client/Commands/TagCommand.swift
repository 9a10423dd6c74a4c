import KernelInterface
import Wire

/// `glassbox tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]`.
struct TagCommand: ClientCommand {
    static let usage = "tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]"
    static let summary = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"
    static let parser = FlagParser([])

    var source: String
    var target: String

    init(_ parsed: FlagParser.Parsed) throws {
        guard parsed.arguments.count == 2 else { throw UsageError.exactly(2, "tag") }
        source = parsed.arguments[0]
        target = parsed.arguments[1]
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        var options = RunOptions()
        options.image = target
        let (name, tag) = options.imageNameAndTag
        let path = client.path("/images/\(source)/tag?repo=" + percentEncode(name) + "&tag=" + percentEncode(tag))
        try client.check(try client.send("POST", path), expect: [201])
        return 0
    }
}

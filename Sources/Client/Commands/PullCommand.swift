import KernelInterface
import Wire

/// `glassbox pull [-q] NAME[:TAG]` (docker cli/command/image/pull.go): "Using default tag",
/// the daemon's progress, then the reference pulled.
struct PullCommand: ClientCommand {
    static let usage = "pull [OPTIONS] NAME[:TAG|@DIGEST]"
    static let summary = "Download an image from a registry"
    static let parser = FlagParser([.bool("quiet", "q"), .bool("all-tags", "a"), .value("platform")])

    var quiet: Bool
    var image: String

    init(_ parsed: FlagParser.Parsed) throws {
        quiet = parsed.bool("quiet")
        guard parsed.arguments.count == 1 else { throw UsageError.exactly(1, "pull") }
        image = parsed.arguments[0]
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        var options = RunOptions()
        options.image = image
        let (name, tag) = options.imageNameAndTag
        let explicit = image.contains("@") || image.split(separator: "/").last?.contains(":") == true
        if !explicit && !quiet { context.print("Using default tag: latest") }
        try PullProgress.pull(name: name, tag: tag, client: client, context: context, quiet: quiet, toStandardOutput: true)
        context.print(PullCommand.canonical(name: name, tag: tag))
        return 0
    }

    /// `busybox:latest` → `docker.io/library/busybox:latest`, as the CLI prints after a pull.
    static func canonical(name: String, tag: String) -> String {
        var full = name
        let first = name.split(separator: "/").first.map(String.init) ?? name
        let hasDomain = name.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost")
        if !hasDomain { full = "docker.io/" + (name.contains("/") ? name : "library/" + name) }
        return tag.isEmpty ? full : full + ":" + tag
    }
}

import KernelInterface
import Wire

/// `glassbox import [-c CHANGE]... [-m MESSAGE] FILE|- [REPOSITORY[:TAG]]` (docker
/// cli/command/image/import.go): the tarball goes as the body of
/// `POST /images/create?fromSrc=-`; prints the new image's id.
struct ImportCommand: ClientCommand {
    static let usage = "import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]"
    static let summary = "Import the contents from a tarball to create a filesystem image"
    static let parser = FlagParser([.value("change", "c"), .value("message", "m"), .value("platform")])

    var changes: [String]
    var message: String?
    var source: String
    var reference: String?

    init(_ parsed: FlagParser.Parsed) throws {
        changes = parsed.all("change")
        message = parsed.value("message")
        guard (1...2).contains(parsed.arguments.count) else { throw UsageError(description: "\"import\" requires at least 1 and at most 2 arguments.") }
        source = parsed.arguments[0]
        reference = parsed.arguments.count > 1 ? parsed.arguments[1] : nil
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let kernel = context.kernel
        let body = source == "-" ? try kernel.readAll(.standardInput) : try kernel.readFile(source)
        var query = ["fromSrc=-"]
        if let reference {
            var options = RunOptions()
            options.image = reference
            let (name, tag) = options.imageNameAndTag
            query += ["repo=" + percentEncode(name), "tag=" + percentEncode(tag)]
        }
        query += changes.map { "changes=" + percentEncode($0) }
        if let message { query.append("message=" + percentEncode(message)) }
        let response = try client.send("POST", client.path("/images/create?" + query.joined(separator: "&")), headers: [("Content-Type", "application/x-tar")], body: body)
        try client.check(response, expect: [200])
        for line in response.body.split(separator: 0x0A) where !line.isEmpty {
            guard let message = try? JSONCoding.decode(JSONMessage.self, from: Array(line)) else { continue }
            if let error = message.error { throw EngineClient.DaemonError(status: 200, message: error) }
            if let status = message.status { context.print(status) }
        }
        return 0
    }
}

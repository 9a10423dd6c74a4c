import KernelInterface
import Trace
import Wire

/// `glassbox version [-f T]` (docker cli/command/system/version.go): the client's versions,
/// then the server's from `GET /version`.
struct VersionCommand: ClientCommand {
    static let usage = "version [OPTIONS]"
    static let summary = "Show the Glassbox version information"
    static let parser = FlagParser([.value("format", "f")])
    static let clientVersion = "0.1.0"

    var format: String?

    init(_ parsed: FlagParser.Parsed) throws {
        format = parsed.value("format")
        if !parsed.arguments.isEmpty { throw UsageError(description: "\"version\" accepts no arguments.") }
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let clientPart: JSONValue = .object([
            ("Platform", .object([("Name", .string("Glassbox"))])), ("Version", .string(VersionCommand.clientVersion)),
            ("ApiVersion", .string(EngineAPI.version)), ("DefaultAPIVersion", .string(EngineAPI.version)),
            ("GitCommit", .string("")), ("GoVersion", .string("swift")), ("Os", .string("linux")), ("Arch", .string("amd64")),
            ("BuildTime", .string("")), ("Context", .string("default")),
        ])
        var server: JSONValue? = nil
        var failure: Error? = nil
        do { server = try client.json("/version") } catch { failure = error }
        if let format {
            let document: JSONValue = .object([("Client", clientPart), ("Server", server ?? .null)])
            context.print(try GoTemplate(format == "json" ? "{{json .}}" : format).render(document))
        } else {
            context.print(VersionCommand.text(clientPart, server))
        }
        if let failure { throw failure }
        return 0
    }

    static func text(_ client: JSONValue, _ server: JSONValue?) -> String {
        func value(_ json: JSONValue?, _ key: String) -> String { json?[key]?.stringValue ?? "" }
        func line(_ indent: Int, _ label: String, _ text: String) -> String {
            let head = String(repeating: " ", count: indent) + label + ":"
            return head + String(repeating: " ", count: max(1, 20 - head.count)) + text
        }
        var lines = ["Client:", line(1, "Version", value(client, "Version")), line(1, "API version", value(client, "ApiVersion")),
                     line(1, "Go version", value(client, "GoVersion")), line(1, "Git commit", value(client, "GitCommit")),
                     line(1, "Built", value(client, "BuildTime")), line(1, "OS/Arch", "linux/amd64"), line(1, "Context", "default")]
        guard let server else { return lines.joined(separator: "\n") }
        lines += ["", "Server: " + value(server["Platform"], "Name")]
        for component in server["Components"]?.arrayValue ?? [] {
            let details = component["Details"]
            lines.append(" " + value(component, "Name") + ":")
            lines.append(line(2, "Version", value(component, "Version")))
            if value(component, "Name") == "Engine" {
                lines.append(line(2, "API version", value(details, "ApiVersion") + " (minimum version " + value(details, "MinAPIVersion") + ")"))
                lines.append(line(2, "OS/Arch", value(details, "Os") + "/" + value(details, "Arch")))
                lines.append(line(2, "Experimental", value(details, "Experimental")))
            } else {
                lines.append(line(2, "GitCommit", value(details, "GitCommit")))
            }
        }
        return lines.joined(separator: "\n")
    }
}

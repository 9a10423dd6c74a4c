import KernelInterface
import Trace
import Wire

/// `glassbox inspect [-f T] [--type container|image] NAME...` (docker cli/command/system/
/// inspect.go): a container, else an image, of each name; the documents as one indented JSON
/// array, or each through the template.
struct InspectCommand: ClientCommand {
    static let usage = "inspect [OPTIONS] NAME|ID [NAME|ID...]"
    static let summary = "Return low-level information on Glassbox objects"
    static let parser = FlagParser([.value("format", "f"), .value("type"), .bool("size", "s")])

    var format: String?
    var type: String?
    var names: [String]

    init(_ parsed: FlagParser.Parsed) throws {
        format = parsed.value("format")
        type = parsed.value("type")
        if let type, !["container", "image"].contains(type) {
            throw UsageError(description: "\"\(type)\" is not a valid value for --type")
        }
        guard !parsed.arguments.isEmpty else { throw UsageError.atLeast(1, "inspect") }
        names = parsed.arguments
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        var documents: [JSONValue] = []
        var status: Int32 = 0
        for name in names {
            do {
                documents.append(try document(name, client: client))
            } catch let error as EngineClient.DaemonError where error.status == 404 {
                context.printError("Error: No such object: \(name)")
                status = 1
            }
        }
        if let format {
            let template = try GoTemplate(format == "json" ? "{{json .}}" : format)
            for document in documents { context.print(try template.render(document)) }
        } else {
            context.print(JSONIndent.text(.array(documents)))
        }
        return status
    }

    func document(_ name: String, client: EngineClient) throws -> JSONValue {
        if type != "image" {
            do {
                return try client.json("/containers/\(percentEncode(name))/json")
            } catch let error as EngineClient.DaemonError where error.status == 404 && type == nil {}
        }
        return try client.json("/images/\(name)/json")
    }
}

/// JSON indented with four spaces, as Go's json.MarshalIndent(v, "", "    ") writes it for
/// `docker inspect`.
enum JSONIndent {
    static func text(_ value: JSONValue, level: Int = 0) -> String {
        let pad = String(repeating: "    ", count: level), inner = String(repeating: "    ", count: level + 1)
        switch value {
        case let .array(items) where !items.isEmpty:
            return "[\n" + items.map { inner + text($0, level: level + 1) }.joined(separator: ",\n") + "\n" + pad + "]"
        case let .object(members) where !members.isEmpty:
            return "{\n" + members.map { key, member in
                var name = ""
                JSONValue.writeString(key, to: &name)
                return inner + name + ": " + text(member, level: level + 1)
            }.joined(separator: ",\n") + "\n" + pad + "}"
        default:
            return value.serialized
        }
    }
}

import KernelInterface
import Trace
import Wire

/// `glassbox events [--since T] [--until T] [-f k=v] [--format T]` (docker
/// cli/command/system/events.go): one line per event as it happens:
/// `2026-11-22T18:32:28.470268225Z container start 4d06… (image=busybox, name=web)`.
struct EventsCommand: ClientCommand {
    static let usage = "events [OPTIONS]"
    static let summary = "Get real time events from the server"
    static let parser = FlagParser([.value("since"), .value("until"), .value("filter", "f"), .value("format")])

    var since: String?
    var until: String?
    var filters: EngineFilters
    var format: String?

    init(_ parsed: FlagParser.Parsed) throws {
        since = parsed.value("since")
        until = parsed.value("until")
        filters = try PsCommand.filters(parsed.all("filter"))
        format = parsed.value("format")
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let now = context.kernel.clockGettime(.realtime)
        var query: [String] = []
        if let since { query.append("since=" + percentEncode(try ClientTime.apiTimestamp(since, now: now))) }
        if let until { query.append("until=" + percentEncode(try ClientTime.apiTimestamp(until, now: now))) }
        if !filters.values.isEmpty { query.append("filters=" + percentEncode(filters.encoded)) }
        let exchange = try client.open("GET", client.path("/events" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))))
        defer { exchange.connection.close() }
        guard exchange.status == 200 else {
            let body = try exchange.readBody()
            throw EngineClient.DaemonError(status: exchange.status, message: EngineClient.errorMessage(HTTPResponse(status: exchange.status, body: body)))
        }
        let template = try format.map { try GoTemplate($0 == "json" ? "{{json .}}" : $0) }
        var pending: [UInt8] = []
        while let chunk = try HTTPCodec.readChunk(from: exchange.connection) {
            pending += chunk
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = Array(pending[..<newline])
                pending.removeFirst(newline + 1)
                guard let json = try? JSONParser.parse(line) else { continue }
                context.print(try template?.render(json) ?? EventsCommand.line(json))
            }
        }
        return 0
    }

    static func line(_ event: JSONValue) -> String {
        let nanoseconds = event["timeNano"]?.intValue ?? 0
        let seconds = nanoseconds / 1_000_000_000
        let fraction = String(nanoseconds - seconds * 1_000_000_000)
        let time = Timestamp.rfc3339(nanoseconds: seconds * 1_000_000_000).dropLast() + "." + String(repeating: "0", count: 9 - fraction.count) + fraction + "Z"
        var attributes: [String] = []
        if case let .object(members)? = event["Actor"]?["Attributes"] {
            attributes = members.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1.stringValue ?? "")" }
        }
        let type = event["Type"]?.stringValue ?? "", action = event["Action"]?.stringValue ?? ""
        let id = event["Actor"]?["ID"]?.stringValue ?? ""
        return "\(time) \(type) \(action) \(id)" + (attributes.isEmpty ? "" : " (" + attributes.joined(separator: ", ") + ")")
    }
}

import KernelInterface
import Trace
import Wire

/// `glassbox logs [-f] [-t] [-n N] [--since T] [--until T] CONTAINER`
/// (docker cli/command/container/logs.go): inspects the container for its TTY setting, then
/// copies `GET /containers/{id}/logs` to stdout and stderr (demultiplexed without a TTY).
struct LogsCommand: ClientCommand {
    static let usage = "logs [OPTIONS] CONTAINER"
    static let summary = "Fetch the logs of a container"
    static let parser = FlagParser([
        .bool("follow", "f"), .bool("timestamps", "t"), .value("tail", "n"), .value("since"), .value("until"), .bool("details"),
    ])

    var follow: Bool
    var timestamps: Bool
    var tail: String
    var since: String?
    var until: String?
    var container: String

    init(_ parsed: FlagParser.Parsed) throws {
        follow = parsed.bool("follow")
        timestamps = parsed.bool("timestamps")
        tail = parsed.value("tail") ?? "all"
        since = parsed.value("since")
        until = parsed.value("until")
        guard parsed.arguments.count == 1 else { throw UsageError.exactly(1, "logs") }
        container = parsed.arguments[0]
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let now = context.kernel.clockGettime(.realtime)
        let inspect = try client.json("/containers/\(percentEncode(container))/json")
        let tty = inspect["Config"]?["Tty"] == .bool(true)
        var query = "stdout=1&stderr=1&tail=" + percentEncode(tail)
        if follow { query += "&follow=1" }
        if timestamps { query += "&timestamps=1" }
        if let since { query += "&since=" + percentEncode(try ClientTime.apiTimestamp(since, now: now)) }
        if let until { query += "&until=" + percentEncode(try ClientTime.apiTimestamp(until, now: now)) }
        let exchange = try client.open("GET", client.path("/containers/\(percentEncode(container))/logs?" + query))
        defer { exchange.connection.close() }
        guard exchange.status == 200 else {
            let body = try exchange.readBody()
            throw EngineClient.DaemonError(status: exchange.status, message: EngineClient.errorMessage(HTTPResponse(status: exchange.status, body: body)))
        }
        var pending: [UInt8] = []
        while let chunk = try HTTPCodec.readChunk(from: exchange.connection) {
            if tty {
                try? context.kernel.writeAll(.standardOutput, chunk)
                continue
            }
            pending += chunk
            while pending.count >= 8 {
                let size = Int(pending[4]) << 24 | Int(pending[5]) << 16 | Int(pending[6]) << 8 | Int(pending[7])
                guard pending.count >= 8 + size else { break }
                let fd: FileDescriptor = pending[0] == 2 ? .standardError : .standardOutput
                try? context.kernel.writeAll(fd, Array(pending[8..<(8 + size)]))
                pending.removeFirst(8 + size)
            }
        }
        return 0
    }
}

extension ClientTime {
    /// `--since`/`--until` as the API takes them (docker's timetypes.GetTimestamp): a
    /// duration before now (`10m`, `1h30m`, `45s`), Unix seconds, or RFC 3339 passed on.
    static func apiTimestamp(_ text: String, now: Int64) throws -> String {
        if let duration = parseDuration(text) {
            let at = now - duration
            let fraction = String(at % 1_000_000_000)
            return "\(at / 1_000_000_000)." + String(repeating: "0", count: 9 - fraction.count) + fraction
        }
        if text.allSatisfy({ $0.isNumber || $0 == "." }) || text.contains("T") { return text }
        throw UsageError(description: "invalid value for time \"\(text)\": use a duration (10m), Unix seconds or RFC 3339")
    }

    /// Go's time.ParseDuration for h, m, s, ms units: nanoseconds, or nil.
    static func parseDuration(_ text: String) -> Int64? {
        var total: Int64 = 0
        var number = ""
        var rest = Substring(text)
        guard !text.isEmpty else { return nil }
        while let character = rest.first {
            if character.isNumber || character == "." {
                number.append(character)
                rest = rest.dropFirst()
                continue
            }
            let unit: Int64
            if rest.hasPrefix("ms") { unit = 1_000_000; rest = rest.dropFirst(2) }
            else if character == "h" { unit = 3_600_000_000_000; rest = rest.dropFirst() }
            else if character == "m" { unit = 60_000_000_000; rest = rest.dropFirst() }
            else if character == "s" { unit = 1_000_000_000; rest = rest.dropFirst() }
            else { return nil }
            guard let value = Double(number) else { return nil }
            total += Int64(value * Double(unit))
            number = ""
        }
        return number.isEmpty ? total : nil
    }
}

import Trace

/// A trace as one self-contained HTML file: the sequence diagram, the step controls (buttons and
/// the same keys as the terminal viewer), the message and explanation panel, each hop's syscalls
/// folded under it, and a search box. Inline CSS and JS only: no network, no outside fonts, so
/// it opens from disk anywhere.
///
/// The events are embedded compactly, one JSON array per line in file order (a hop event, or a
/// syscall naming the row of the hop it was made under), and the page draws only the rows in
/// view (virtual scrolling), so a trace of 100,000 events stays smooth. It is written while the
/// trace is read: the rows stream out, and the participants, known only at the end, follow them.
///
///     hop row:     ["q"|"r"|"l", from, to, label, status, µs since start, µs taken, explanation,
///                   message, op, row of its request (for a response) or -1, proto]
///     syscall row: ["s", row of its hop or -1, from, "pivot_root(\".\", \".\") = 0", failed]
public struct HTMLPage: Sendable {
    public var title: String
    /// At most this many lines of each message are embedded.
    public var messageLimit: Int

    public init(title: String = "Glassbox trace", messageLimit: Int = 400) {
        self.title = title
        self.messageLimit = messageLimit
    }

    /// Writes the page for `lines` in pieces, in order (concatenate them as they come).
    ///
    /// - Throws: `TraceLineError` for a line that is not an event.
    public func render(lines: some Sequence<ArraySlice<UInt8>>, into emit: (String) -> Void) throws {
        emit(HTMLPage.head(title: title))
        emit("<script id=\"explanations\" type=\"application/json\">" + HTMLPage.explanationsJSON() + "</script>\n")
        emit("<script id=\"rows\" type=\"application/json\">[\n")
        var rows = HTMLRows(messageLimit: messageLimit)
        var first = true
        try forEachEventLine(in: lines, drawn: { $0 != .log }) { event, line in
            guard let row = try rows.row(for: event, line: line) else { return }
            emit((first ? "" : ",\n") + HTMLPage.scriptSafe(row.serialized))
            first = false
        }
        emit("\n]</script>\n")
        let meta: JSONValue = .object([
            ("participants", .array(rows.participants.map(JSONValue.string))),
            ("order", .array(rows.order.names.map(JSONValue.string))),
            ("title", .string(title)),
        ])
        emit("<script id=\"meta\" type=\"application/json\">" + HTMLPage.scriptSafe(meta.serialized) + "</script>\n")
        emit("<script>\n" + HTMLPage.script + "\n</script>\n</body>\n</html>\n")
    }

    /// The page of a whole trace as one string; for tests and small traces.
    public func render(text: String) throws -> String {
        var out = ""
        try render(lines: TraceLineReader(bytes: Array(text.utf8))) { out += $0 }
        return out
    }

    /// JSON that cannot end the script element it sits in (`</script>`) or open a comment.
    static func scriptSafe(_ json: String) -> String {
        guard json.contains("<") else { return json }
        var out = ""
        out.reserveCapacity(json.utf8.count + 16)
        for scalar in json.unicodeScalars {
            if scalar == "<" { out += "\\u003c" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static func explanationsJSON() -> String {
        let entries = Explanation.table.map { entry -> JSONValue in
            .array([.string(entry.title), .string(entry.text), .string(entry.source)])
        }
        return scriptSafe(JSONValue.array(entries).serialized)
    }

    static func htmlEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Turns events into the page's rows, keeping only the open hops' row numbers (for the
/// syscalls under them) and the participants met.
struct HTMLRows {
    let messageLimit: Int
    private(set) var participants: [String] = []
    private(set) var order = ParticipantOrder()
    private var ids: [String: Int] = [:]
    private var openRows: [String: Int] = [:]
    private var count = 0
    private var origin: Int64?

    init(messageLimit: Int) {
        self.messageLimit = messageLimit
    }

    mutating func row(for event: DiagramEvent, line: ArraySlice<UInt8>) throws -> JSONValue? {
        if origin == nil { origin = event.ts }
        let micros = JSONValue.int((event.ts - (origin ?? event.ts)) / 1_000)
        defer { count += 1 }
        switch event.kind {
        case .syscall:
            let hop = event.parent.flatMap { openRows[$0] } ?? -1
            let failed = event.result.map(HopLabels.isFailure) ?? false
            return .array([.string("s"), .int(Int64(hop)), .int(id(event.from)), .string(HopLabels.syscall(event)),
                           .int(failed ? 1 : 0)])
        case .request, .response, .lifecycle:
            let whole = try TraceEvent(line: line)
            var partner: Int64 = -1
            if event.kind == .request { openRows[event.span] = count }
            if event.kind == .response, let request = openRows.removeValue(forKey: event.span) { partner = Int64(request) }
            let code: String = event.kind == .request ? "q" : event.kind == .response ? "r" : "l"
            let explanation = Explanation.index(kind: event.kind, proto: event.proto, op: event.op,
                                                status: event.status, args: nil).map(Int64.init) ?? -1
            let message = DisplayText.limited(MessageText.lines(of: whole), to: messageLimit)
            let label = event.kind == .lifecycle ? HopLabels.lifecycle(event) : OperationLabel.shortenedIDs(event.op)
            return .array([
                .string(code), .int(id(event.from)), .int(id(event.to)), .string(label),
                .string(event.status ?? ""), micros, event.dur.map { .int($0 / 1_000) } ?? .null,
                .int(explanation), .string(message.joined(separator: "\n")), .string(event.op),
                .int(partner), .string(event.proto ?? ""),
            ])
        case .log:
            return nil
        }
    }

    /// The participant's number, in order of first appearance; the page places it by `order`.
    private mutating func id(_ name: String) -> Int64 {
        if let known = ids[name] { return Int64(known) }
        ids[name] = participants.count
        participants.append(name)
        if name != "kernel" { order.add(name) }
        return Int64(participants.count - 1)
    }
}

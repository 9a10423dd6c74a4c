import Trace

/// A trace in the Chrome trace-event format (the JSON that chrome://tracing, Perfetto and
/// speedscope open): `{"traceEvents":[…]}` with one track per process, each hop a complete
/// slice (`ph:"X"`) from its request to its response on the track of the process that wrote it
/// (the server of an HTTP or RPC hop, the parent of an exec), and each syscall a slice on its
/// caller's track, nested in time under the hop it served. Lifecycle events are instants.
/// Times are microseconds from the trace's first event.
///
/// It streams: a hop's slice is written when its response is read; only the open hops are kept.
/// See https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU.
public struct ChromeTrace: Sendable {
    /// Include a slice for each syscall.
    public var syscalls: Bool

    public init(syscalls: Bool = true) {
        self.syscalls = syscalls
    }

    /// Writes the JSON document in pieces, in order.
    public func render(lines: some Sequence<ArraySlice<UInt8>>, into emit: (String) -> Void) throws {
        emit("{\"traceEvents\":[")
        try withoutActuallyEscaping(emit) { emit in
            var writer = ChromeTraceWriter(emit: emit)
            try forEachEvent(in: lines, drawn: { $0 != .log && ($0 != .syscall || syscalls) }) { event in
                writer.take(event)
            }
            writer.finish()
        }
        emit("\n],\"displayTimeUnit\":\"ms\",\"otherData\":{\"producer\":\"glassbox\"}}\n")
    }

    /// The document of a whole trace; for tests and small traces.
    public func render(text: String) throws -> String {
        var out = ""
        try render(lines: TraceLineReader(bytes: Array(text.utf8))) { out += $0 }
        return out
    }
}

struct ChromeTraceWriter {
    let emit: (String) -> Void
    private var origin: Int64?
    private var last: Int64 = 0
    private var first = true
    /// Track numbers by (participant, pid as it sees itself).
    private var tracks: [String: Int] = [:]
    private var open: [String: DiagramEvent] = [:]
    private var openOrder: [String] = []

    init(emit: @escaping (String) -> Void) {
        self.emit = emit
    }

    mutating func take(_ event: DiagramEvent) {
        if origin == nil { origin = event.ts }
        last = max(last, event.ts)
        switch event.kind {
        case .request:
            open[event.span] = event
            openOrder.append(event.span)
        case .response:
            guard let request = open.removeValue(forKey: event.span) else { return }
            slice(request, end: event.ts, status: event.status)
        case .syscall:
            let start = event.ts - (event.dur ?? 0)
            let track = self.track(event.from, pid: event.pid)
            var args: [(String, JSONValue)] = [("args", .string((event.args ?? []).joined(separator: ", ")))]
            if let result = event.result { args.append(("result", .string(result))) }
            args.append(("parent", event.parent.map(JSONValue.string) ?? .null))
            write(.object([
                ("name", .string(event.op)), ("cat", .string("syscall")), ("ph", .string("X")),
                ("ts", micros(start)), ("dur", duration(event.dur ?? 0)), ("pid", .int(Int64(track))),
                ("tid", .int(Int64(track))), ("args", .object(args)),
            ]))
        case .lifecycle:
            let track = self.track(event.from, pid: event.pid)
            write(.object([
                ("name", .string(HopLabels.lifecycle(event))), ("cat", .string("lifecycle")), ("ph", .string("i")),
                ("s", .string("p")), ("ts", micros(event.ts)), ("pid", .int(Int64(track))), ("tid", .int(Int64(track))),
                ("args", .object([("subject", .string(event.to))])),
            ]))
        case .log:
            return
        }
    }

    /// Hops whose response the trace does not have end at its last event.
    mutating func finish() {
        for span in openOrder {
            if let request = open.removeValue(forKey: span) { slice(request, end: last, status: nil) }
        }
    }

    private mutating func slice(_ request: DiagramEvent, end: Int64, status: String?) {
        let writer = request.proto == "exec" ? request.from : request.to
        let track = self.track(writer, pid: request.pid)
        write(.object([
            ("name", .string(OperationLabel.variants(of: request.op).last ?? request.op)),
            ("cat", .string(request.proto ?? "hop")), ("ph", .string("X")), ("ts", micros(request.ts)),
            ("dur", duration(end - request.ts)), ("pid", .int(Int64(track))), ("tid", .int(Int64(track))),
            ("args", .object([
                ("from", .string(request.from)), ("to", .string(request.to)), ("op", .string(request.op)),
                ("status", status.map(JSONValue.string) ?? .string("no response")), ("span", .string(request.span)),
                ("parent", request.parent.map(JSONValue.string) ?? .null),
            ])),
        ]))
    }

    /// The track of a process, announced with `process_name` and `thread_name` metadata the
    /// first time it is used.
    private mutating func track(_ participant: String, pid: Int64) -> Int {
        let key = participant + "\u{0}" + String(pid)
        if let known = tracks[key] { return known }
        let number = tracks.count + 1
        tracks[key] = number
        let name = JSONValue.string(participant + " (pid \(pid))")
        write(.object([("name", .string("process_name")), ("ph", .string("M")), ("pid", .int(Int64(number))),
                       ("tid", .int(Int64(number))), ("args", .object([("name", name)]))]))
        write(.object([("name", .string("process_sort_index")), ("ph", .string("M")), ("pid", .int(Int64(number))),
                       ("tid", .int(Int64(number))), ("args", .object([("sort_index", .int(Int64(sortIndex(participant))))]))]))
        write(.object([("name", .string("thread_name")), ("ph", .string("M")), ("pid", .int(Int64(number))),
                       ("tid", .int(Int64(number))), ("args", .object([("name", .string(participant))]))]))
        return number
    }

    private func sortIndex(_ participant: String) -> Int {
        ParticipantOrder.canonical.firstIndex(of: participant) ?? ParticipantOrder.canonical.count
    }

    private mutating func write(_ value: JSONValue) {
        emit((first ? "\n" : ",\n") + value.serialized)
        first = false
    }

    private func micros(_ ts: Int64) -> JSONValue { duration(ts - (origin ?? ts)) }

    /// Nanoseconds as microseconds, exactly (three decimals): `.double` would print `1e-03`.
    private func duration(_ nanoseconds: Int64) -> JSONValue {
        let value = max(nanoseconds, 0)
        guard value % 1_000 != 0 else { return .int(value / 1_000) }
        return .double(Double(value) / 1_000)
    }
}

import Trace

/// A trace as OpenTelemetry's OTLP/JSON (the body of `POST /v1/traces`, and what the
/// collector's file exporter writes): `resourceSpans` → `scopeSpans` → `spans`, one resource
/// per participant (`service.name`), each hop a span on its receiver (SERVER for HTTP and RPC,
/// INTERNAL for an exec, whose receiver is the program started), each syscall an INTERNAL span
/// on its caller, and lifecycle events as span events of the hop they happened under. Ids are
/// the trace's own W3C ids in hex, as OTLP/JSON writes them.
///
/// It streams as an exporter batches: spans wait, per participant, until `batchSize` of them
/// are ready, then go out as one `resourceSpans` entry. A hop's span is ready when its response
/// is read; only open hops and unsent batches are held.
/// See https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding.
public struct OTLPTrace: Sendable {
    public var syscalls: Bool
    public var batchSize: Int

    public init(syscalls: Bool = true, batchSize: Int = 512) {
        precondition(batchSize > 0, "a batch holds at least one span")
        self.syscalls = syscalls
        self.batchSize = batchSize
    }

    /// Writes the JSON document in pieces, in order.
    public func render(lines: some Sequence<ArraySlice<UInt8>>, into emit: (String) -> Void) throws {
        emit("{\"resourceSpans\":[")
        try withoutActuallyEscaping(emit) { emit in
            var batches = OTLPBatches(batchSize: batchSize, emit: emit)
            var spans = OTLPSpans()
            try forEachEvent(in: lines, drawn: { $0 != .log && ($0 != .syscall || syscalls) }) { event in
                spans.take(event) { batches.add($0, service: $1) }
            }
            spans.finish { batches.add($0, service: $1) }
            batches.flushAll()
        }
        emit("\n]}\n")
    }

    /// The document of a whole trace; for tests and small traces.
    public func render(text: String) throws -> String {
        var out = ""
        try render(lines: TraceLineReader(bytes: Array(text.utf8))) { out += $0 }
        return out
    }
}

/// Makes spans from events: hops when they close, syscalls at once.
struct OTLPSpans {
    private struct Open {
        var request: DiagramEvent
        var events: [JSONValue] = []
    }

    private var open: [String: Open] = [:]
    private var openOrder: [String] = []
    /// Spans of every request met: a parent outside this set (a process's root span, which no
    /// event describes) is left out, so every `parentSpanId` names a span in the document.
    private var hops: Set<String> = []
    private var last: Int64 = 0

    /// SpanKind of the OTLP proto.
    enum Kind: Int64 { case `internal` = 1, server = 2 }

    mutating func take(_ event: DiagramEvent, _ ready: (JSONValue, String) -> Void) {
        last = max(last, event.ts)
        switch event.kind {
        case .request:
            open[event.span] = Open(request: event)
            openOrder.append(event.span)
            hops.insert(event.span)
        case .response:
            guard let hop = open.removeValue(forKey: event.span) else { return }
            ready(hopSpan(hop, end: event.ts, status: event.status), hop.request.to)
        case .syscall:
            var attributes = [OTLPSpans.attribute("syscall.args", (event.args ?? []).joined(separator: ", ")),
                              OTLPSpans.attribute("process.pid", event.pid)]
            if let result = event.result { attributes.append(OTLPSpans.attribute("syscall.result", result)) }
            let failed = event.result.map(HopLabels.isFailure) ?? false
            ready(span(event, name: event.op, kind: .internal, start: event.ts - (event.dur ?? 0), end: event.ts,
                       attributes: attributes, failure: failed ? event.result : nil), event.from)
        case .lifecycle:
            let note: JSONValue = .object([
                ("timeUnixNano", .string(String(event.ts))), ("name", .string(HopLabels.lifecycle(event))),
                ("attributes", .array([OTLPSpans.attribute("subject", event.to), OTLPSpans.attribute("writer", event.from)])),
            ])
            if let parent = event.parent, open[parent] != nil {
                open[parent]?.events.append(note)
            } else {
                ready(span(event, name: HopLabels.lifecycle(event), kind: .internal, start: event.ts, end: event.ts,
                           attributes: [OTLPSpans.attribute("subject", event.to)], failure: nil), event.from)
            }
        case .log:
            return
        }
    }

    /// Hops without a response end at the trace's last event.
    mutating func finish(_ ready: (JSONValue, String) -> Void) {
        for span in openOrder {
            if let hop = open.removeValue(forKey: span) { ready(hopSpan(hop, end: last, status: nil), hop.request.to) }
        }
        openOrder = []
    }

    private func hopSpan(_ hop: Open, end: Int64, status: String?) -> JSONValue {
        let request = hop.request
        var attributes = [OTLPSpans.attribute("glassbox.from", request.from), OTLPSpans.attribute("glassbox.to", request.to),
                          OTLPSpans.attribute("glassbox.proto", request.proto ?? "")]
        switch request.proto {
        case "http", "registry":
            let parts = request.op.split(separator: " ", maxSplits: 1)
            attributes.append(OTLPSpans.attribute("http.request.method", String(parts.first ?? "")))
            attributes.append(OTLPSpans.attribute("url.path", String(parts.dropFirst().first ?? "")))
        case "ttrpc":
            attributes.append(OTLPSpans.attribute("rpc.system", "ttrpc"))
            attributes.append(OTLPSpans.attribute("rpc.method", request.op))
        default:
            attributes.append(OTLPSpans.attribute("process.command_line", request.op))
        }
        attributes.append(OTLPSpans.attribute("glassbox.status", status ?? "no response"))
        let failed = status.map(HopLabels.isFailure) ?? true
        var value = span(request, name: OperationLabel.variants(of: request.op).last ?? request.op,
                         kind: request.proto == "exec" ? .internal : .server, start: request.ts, end: end,
                         attributes: attributes, failure: failed ? (status ?? "no response") : nil)
        if !hop.events.isEmpty, case var .object(members) = value {
            members.append(("events", .array(hop.events)))
            value = .object(members)
        }
        return value
    }

    private func span(
        _ event: DiagramEvent, name: String, kind: Kind, start: Int64, end: Int64,
        attributes: [JSONValue], failure: String?
    ) -> JSONValue {
        let parent = event.parent.flatMap { hops.contains($0) ? $0 : nil } ?? ""
        var members: [(String, JSONValue)] = [
            ("traceId", .string(event.trace)), ("spanId", .string(event.span)), ("parentSpanId", .string(parent)),
            ("name", .string(name)), ("kind", .int(kind.rawValue)),
            ("startTimeUnixNano", .string(String(start))), ("endTimeUnixNano", .string(String(max(end, start)))),
            ("attributes", .array(attributes)),
        ]
        if let failure {
            members.append(("status", .object([("code", .int(2)), ("message", .string(failure))])))
        }
        return .object(members)
    }

    static func attribute(_ key: String, _ value: String) -> JSONValue {
        .object([("key", .string(key)), ("value", .object([("stringValue", .string(value))]))])
    }

    static func attribute(_ key: String, _ value: Int64) -> JSONValue {
        .object([("key", .string(key)), ("value", .object([("intValue", .string(String(value)))]))])
    }
}

/// Spans waiting to go out, per participant; each full batch is one `resourceSpans` entry.
struct OTLPBatches {
    let batchSize: Int
    let emit: (String) -> Void
    private var pending: [String: [JSONValue]] = [:]
    private var services: [String] = []
    private var first = true

    init(batchSize: Int, emit: @escaping (String) -> Void) {
        self.batchSize = batchSize
        self.emit = emit
    }

    mutating func add(_ span: JSONValue, service: String) {
        if pending[service] == nil { services.append(service) }
        pending[service, default: []].append(span)
        if let batch = pending[service], batch.count >= batchSize { flush(service) }
    }

    mutating func flushAll() {
        for service in services { flush(service) }
    }

    private mutating func flush(_ service: String) {
        guard let spans = pending[service], !spans.isEmpty else { return }
        pending[service] = []
        let entry: JSONValue = .object([
            ("resource", .object([("attributes", .array([OTLPSpans.attribute("service.name", service)]))])),
            ("scopeSpans", .array([.object([
                ("scope", .object([("name", .string("glassbox")), ("version", .string(String(TraceEvent.schemaVersion)))])),
                ("spans", .array(spans)),
            ])])),
        ])
        emit((first ? "\n" : ",\n") + entry.serialized)
        first = false
    }
}

import KernelInterface
import Trace

/// One request being served, and the ways to answer it: a whole response, a chunked stream
/// (pull progress, `wait`), or an upgrade to a raw stream (`attach`).
public final class HTTPExchange: @unchecked Sendable {
    public let kernel: Kernel
    public let connection: Connection
    public let request: HTTPRequest
    /// The hop this request belongs to: from its `traceparent`, or new when the client sent
    /// none (the real docker CLI).
    public let hop: HopContext
    public var tracer: Tracer? { kernel.tracer }
    let server: HTTPServer
    let started: Int64
    public private(set) var answered = false
    public private(set) var upgraded = false
    private var streamingStatus: (Int, String)?
    private var streamedBody: [UInt8] = []

    init(server: HTTPServer, kernel: Kernel, connection: Connection, request: HTTPRequest) {
        self.server = server
        self.kernel = kernel
        self.connection = connection
        self.request = request
        self.started = kernel.clockGettime(.realtime)
        if let received = HopContext(traceparent: request.headers[TraceContext.headerName],
                                     tracestate: request.headers[HopContext.stateHeaderName]) {
            hop = received
        } else if let tracer = kernel.tracer {
            hop = tracer.newHop()
        } else {
            hop = HopContext(hop: TraceContext(traceID: String(repeating: "0", count: 32), spanID: String(repeating: "0", count: 16)), parentSpanID: nil)
        }
    }

    func begin() {
        guard let tracer else { return }
        var attrs: [(String, JSONValue)] = []
        if let agent = request.headers["User-Agent"] { attrs.append(("user-agent", .string(agent))) }
        tracer.received(hop, from: server.peer, op: request.line, proto: "http",
                        attrs: attrs.isEmpty ? nil : attrs, body: HTTPExchange.traceBody(request.body))
    }

    /// A body as the trace keeps it: parsed JSON when it is JSON, else text (cut at 4 KiB).
    static func traceBody(_ body: [UInt8]) -> JSONValue? {
        if body.isEmpty { return nil }
        if body.count <= 1 << 16, let json = try? JSONParser.parse(body) { return json }
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        return .string(body.count > 4096 ? text + "…" : text)
    }

    func headers(_ extra: [(String, String)]) -> HTTPHeaders {
        var headers = HTTPHeaders(server.defaultHeaders(kernel))
        for (name, value) in extra { headers.set(name, value) }
        return headers
    }

    func traceAnswer(status: Int, reason: String, body: [UInt8]) {
        tracer?.answered(hop, to: server.peer, op: request.line, proto: "http", status: "\(status) \(reason)",
                         dur: kernel.clockGettime(.realtime) - started, body: HTTPExchange.traceBody(body))
    }

    /// Sends a whole response. Its trace event is written as it goes out, before the bytes: a
    /// client that exits on reading them (and a simulated machine that powers off with its
    /// client) must not find the answer missing from the trace.
    public func respond(_ response: HTTPResponse) {
        guard !answered else { return }
        answered = true
        var full = response
        full.headers = headers(response.headers.fields.map { ($0.name, $0.value) })
        traceAnswer(status: full.status, reason: full.reason, body: full.body)
        try? connection.write(HTTPCodec.serialize(full))
    }

    public func respond(status: Int, json: String) {
        respond(HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]),
                             body: Array((json + "\n").utf8)))
    }

    public func respond(status: Int) {
        respond(HTTPResponse(status: status))
    }

    /// Starts a chunked response; write chunks with `writeChunk`, and the exchange ends (with its
    /// trace event) when the handler returns.
    public func startChunked(status: Int = 200, headers extra: [(String, String)]) throws {
        guard !answered else { return }
        answered = true
        var all = extra
        all.append(("Transfer-Encoding", "chunked"))
        let reason = HTTPResponse.reasonPhrase(status)
        streamingStatus = (status, reason)
        try connection.write(HTTPCodec.serializeHead(status: status, reason: reason, headers: headers(all)))
    }

    public func writeChunk(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        if streamedBody.count < 1 << 16 { streamedBody += bytes }
        try connection.write(HTTPCodec.chunk(bytes))
    }

    func finishIfStreaming() {
        guard let (status, reason) = streamingStatus else { return }
        streamingStatus = nil
        traceAnswer(status: status, reason: reason, body: streamedBody)
        try? connection.write(HTTPCodec.lastChunk)
    }

    /// Answers `101 UPGRADED` and hands the connection over as a raw stream (Docker's hijack for
    /// attach and exec). The connection is closed when the handler returns. A request without
    /// `Upgrade` is answered `200 OK` and hijacked the same way, as moby's exec start does.
    public func upgrade(status: Int = 101, headers extra: [(String, String)]) throws -> Connection {
        answered = true
        upgraded = true
        let reason = status == 101 ? "UPGRADED" : HTTPResponse.reasonPhrase(status)
        traceAnswer(status: status, reason: reason, body: [])
        try connection.write(HTTPCodec.serializeHead(status: status, reason: reason, headers: HTTPHeaders(extra)))
        return connection
    }
}

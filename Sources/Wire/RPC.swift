import KernelInterface
import Trace

/// The request and response envelopes inside an `RPCFrame` (ttrpc's `Request` and `Response`
/// messages, as JSON): the full method name is `service/method`, and the trace context rides
/// in `metadata` as `traceparent` and `tracestate`.
public struct RPCRequestEnvelope: Sendable {
    public var service: String
    public var method: String
    public var payload: JSONValue
    public var metadata: [(String, String)]

    public var fullMethod: String { "\(service)/\(method)" }

    var json: JSONValue {
        .object([
            ("service", .string(service)), ("method", .string(method)), ("payload", payload),
            ("timeout_nano", .int(0)),
            ("metadata", .array(metadata.map { .object([("key", .string($0.0)), ("value", .string($0.1))]) })),
        ])
    }

    init(service: String, method: String, payload: JSONValue, metadata: [(String, String)]) {
        self.service = service
        self.method = method
        self.payload = payload
        self.metadata = metadata
    }

    init(json: JSONValue) throws {
        guard let service = json["service"]?.stringValue, let method = json["method"]?.stringValue else {
            throw WireError.malformed("RPC request without service and method")
        }
        self.service = service
        self.method = method
        self.payload = json["payload"] ?? .object([])
        self.metadata = (json["metadata"]?.arrayValue ?? []).compactMap { entry in
            guard let key = entry["key"]?.stringValue, let value = entry["value"]?.stringValue else { return nil }
            return (key, value)
        }
    }

    func metadataValue(_ key: String) -> String? { metadata.first(where: { $0.0 == key })?.1 }
}

/// One received call, as a handler sees it.
public struct RPCCall: Sendable {
    public let kernel: Kernel
    public let service: String
    public let method: String
    public let payload: JSONValue
    /// What the handler asks to be done once its answer is written (or could not be).
    public let afterAnswer = AfterAnswer()

    /// Actions run by the server after the response frame is on the connection: a shim's
    /// Shutdown lets the process end only once its answer is sent.
    public final class AfterAnswer: @unchecked Sendable {
        private var actions: [() -> Void] = []
        public func append(_ action: @escaping () -> Void) { actions.append(action) }
        func run() { for action in actions { action() } }
    }

    /// The payload decoded as a message type; a wrong shape is `InvalidArgument`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONCoding.decode(type, from: payload)
        } catch {
            throw RPCError(.invalidArgument, "\(service)/\(method): \(error)")
        }
    }
}

/// Serves RPCs on a listening socket: one thread per connection, requests answered in order.
public final class RPCServer: @unchecked Sendable {
    public typealias Handler = @Sendable (RPCCall) throws -> JSONValue
    let peer: String
    let handler: Handler

    public init(peer: String, handler: @escaping Handler) {
        self.peer = peer
        self.handler = handler
    }

    public func serve(kernel: Kernel, listener: FileDescriptor) {
        acceptConnections(kernel: kernel, listener: listener, threadName: "ttrpc") { [self] threadKernel, fd in
            serveConnection(kernel: threadKernel, fd: fd)
        }
    }

    public func serveConnection(kernel: Kernel, fd: FileDescriptor) {
        let connection = Connection(kernel: kernel, fd: fd)
        defer { connection.close() }
        while let frame = try? RPCFrame.read(from: connection), frame.kind == .request {
            let (response, afterAnswer) = answer(frame, kernel: kernel)
            defer { afterAnswer?.run() }
            do {
                try connection.write(RPCFrame(streamID: frame.streamID, kind: .response, payload: response.serializedBytes).encoded)
            } catch {
                return
            }
        }
    }

    func answer(_ frame: RPCFrame, kernel: Kernel) -> (JSONValue, RPCCall.AfterAnswer?) {
        let envelope: RPCRequestEnvelope
        do {
            envelope = try RPCRequestEnvelope(json: JSONParser.parse(frame.payload))
        } catch {
            return (RPCServer.response(code: .invalidArgument, message: "\(error)", payload: nil), nil)
        }
        let tracer = kernel.tracer
        let hop = HopContext(traceparent: envelope.metadataValue(TraceContext.headerName),
                             tracestate: envelope.metadataValue(HopContext.stateHeaderName)) ?? tracer?.newHop()
        let started = kernel.clockGettime(.realtime)
        if let tracer, let hop {
            tracer.received(hop, from: peer, op: envelope.fullMethod, proto: "ttrpc",
                            attrs: [("stream", .int(Int64(frame.streamID)))], body: envelope.payload)
        }
        let call = RPCCall(kernel: kernel, service: envelope.service, method: envelope.method, payload: envelope.payload)
        let result: Result<JSONValue, RPCError>
        do {
            let payload = try tracer.flatMap { tracer in try hop.map { hop in try tracer.withSpan(hop.hop) { try handler(call) } } }
                ?? handler(call)
            result = .success(payload)
        } catch let error as RPCError {
            result = .failure(error)
        } catch {
            result = .failure(RPCError(.unknown, String(describing: error)))
        }
        let response: JSONValue
        let status: String
        switch result {
        case let .success(payload):
            response = RPCServer.response(code: .ok, message: "", payload: payload)
            status = "OK"
        case let .failure(error):
            response = RPCServer.response(code: error.code, message: error.message, payload: nil)
            status = error.code.name
        }
        if let tracer, let hop {
            var body: JSONValue? = nil
            if case let .success(payload) = result { body = payload } else if case let .failure(error) = result { body = .object([("message", .string(error.message))]) }
            tracer.answered(hop, to: peer, op: envelope.fullMethod, proto: "ttrpc", status: status,
                            dur: kernel.clockGettime(.realtime) - started, body: body)
        }
        return (response, call.afterAnswer)
    }

    static func response(code: RPCCode, message: String, payload: JSONValue?) -> JSONValue {
        var members: [(String, JSONValue)] = [("status", .object([("code", .int(Int64(code.rawValue))), ("message", .string(message))]))]
        if let payload { members.append(("payload", payload)) }
        return .object(members)
    }
}

/// Calls RPCs over one connection, one at a time (a blocking `Wait` wants a connection of its
/// own). Stream ids are odd and increase, as a ttrpc client's do.
public final class RPCClient: @unchecked Sendable {
    let connection: Connection
    let lock: KernelLock
    private var nextStream: UInt32 = 1

    public init(kernel: Kernel, fd: FileDescriptor) {
        connection = Connection(kernel: kernel, fd: fd)
        lock = kernel.makeLock()
    }

    /// Connects to a listening RPC socket.
    public static func connect(kernel: Kernel, address: SocketAddress) throws -> RPCClient {
        let fd = try kernel.socket(address.domain, .stream, closeOnExec: true)
        do {
            try kernel.connect(fd, address)
        } catch {
            try? kernel.close(fd)
            throw error
        }
        return RPCClient(kernel: kernel, fd: fd)
    }

    public func close() { connection.close() }

    /// Calls `service/method` and returns the response payload, or throws the `RPCError` the
    /// server answered.
    public func call(_ service: String, _ method: String, _ payload: JSONValue) throws -> JSONValue {
        try lock.withLock {
            let kernel = connection.kernel
            let hop = kernel.tracer?.newHop()
            var metadata: [(String, String)] = []
            if let hop {
                metadata.append((TraceContext.headerName, hop.hop.traceparent))
                if let state = hop.tracestate { metadata.append((HopContext.stateHeaderName, state)) }
            }
            let envelope = RPCRequestEnvelope(service: service, method: method, payload: payload, metadata: metadata)
            let stream = nextStream
            nextStream += 2
            let exchange = { [connection] () throws -> JSONValue in
                try connection.write(RPCFrame(streamID: stream, kind: .request, payload: envelope.json.serializedBytes).encoded)
                guard let frame = try RPCFrame.read(from: connection) else {
                    throw RPCError(.unavailable, "\(service)/\(method): connection closed before the response")
                }
                guard frame.kind == .response, frame.streamID == stream else {
                    throw RPCError(.internal, "\(service)/\(method): response for stream \(frame.streamID), expected \(stream)")
                }
                let response = try JSONParser.parse(frame.payload)
                let code = RPCCode(rawValue: Int(response["status"]?["code"]?.intValue ?? 2)) ?? .unknown
                guard code == .ok else {
                    throw RPCError(code, response["status"]?["message"]?.stringValue ?? code.name)
                }
                return response["payload"] ?? .object([])
            }
            if let tracer = kernel.tracer, let hop { return try tracer.withSpan(hop.hop, exchange) }
            return try exchange()
        }
    }

    /// Calls with Codable messages.
    public func call<Request: Encodable, Response: Decodable>(_ service: String, _ method: String, _ request: Request, as: Response.Type) throws -> Response {
        let payload = try call(service, method, JSONCoding.value(request))
        do {
            return try JSONCoding.decode(Response.self, from: payload)
        } catch {
            throw RPCError(.internal, "\(service)/\(method): unexpected response: \(error)")
        }
    }
}

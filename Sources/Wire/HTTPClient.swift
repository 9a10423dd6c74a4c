import KernelInterface
import Trace

/// The client side of one HTTP hop: connects, sends the request with the trace context in
/// `traceparent`/`tracestate`, and reads the answer, all under the hop's span so the client's
/// own syscalls nest under the hop the server records.
public struct HTTPClient: Sendable {
    public let kernel: Kernel
    public let address: SocketAddress
    /// `Host` header value: `api.moby.localhost` for the Engine API over a UNIX socket.
    public let host: String
    public let userAgent: String

    public init(kernel: Kernel, address: SocketAddress, host: String, userAgent: String) {
        self.kernel = kernel
        self.address = address
        self.host = host
        self.userAgent = userAgent
    }

    /// An open exchange: the connection and the response head; the body is still to be read.
    public struct OpenExchange {
        public let connection: Connection
        public let status: Int
        public let reason: String
        public let headers: HTTPHeaders
        public let hop: HopContext?

        /// The body, refused when larger than `limit`.
        public func readBody(limit: Int = HTTPCodec.maximumBodySize) throws -> [UInt8] {
            try HTTPCodec.readBody(headers: headers, from: connection, isResponse: true, limit: limit)
        }
    }

    public func connect() throws -> Connection {
        let fd = try kernel.socket(address.domain, .stream, closeOnExec: true)
        do {
            try kernel.connect(fd, address)
        } catch {
            try? kernel.close(fd)
            throw error
        }
        return Connection(kernel: kernel, fd: fd)
    }

    func prepared(_ method: String, _ target: String, headers extra: [(String, String)], body: [UInt8], hop: HopContext?) -> HTTPRequest {
        var headers = HTTPHeaders([("Host", host), ("User-Agent", userAgent)])
        for (name, value) in extra { headers.set(name, value) }
        if let hop {
            headers.set(TraceContext.headerName, hop.hop.traceparent)
            if let state = hop.tracestate { headers.set(HopContext.stateHeaderName, state) }
        }
        return HTTPRequest(method: method, target: target, headers: headers, body: body)
    }

    /// Sends a request on a new connection and reads the response head, leaving the body (or
    /// the upgraded stream) to the caller, who closes the connection.
    public func open(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) throws -> OpenExchange {
        let hop = kernel.tracer?.newHop()
        let work = { () throws -> OpenExchange in
            let connection = try connect()
            do {
                try connection.write(HTTPCodec.serialize(prepared(method, target, headers: headers, body: body, hop: hop)))
                let head = try HTTPCodec.readResponseHead(from: connection)
                return OpenExchange(connection: connection, status: head.status, reason: head.reason, headers: head.headers, hop: hop)
            } catch {
                connection.close()
                throw error
            }
        }
        if let tracer = kernel.tracer, let hop { return try tracer.withSpan(hop.hop, work) }
        return try work()
    }

    /// A whole request and response on a new connection.
    public func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) throws -> HTTPResponse {
        let exchange = try open(method, target, headers: headers, body: body)
        defer { exchange.connection.close() }
        let readBody = { try exchange.readBody() }
        let responseBody: [UInt8]
        if method == "HEAD" || exchange.status == 204 || exchange.status == 304 {
            responseBody = []
        } else if let tracer = kernel.tracer, let hop = exchange.hop {
            responseBody = try tracer.withSpan(hop.hop, readBody)
        } else {
            responseBody = try readBody()
        }
        return HTTPResponse(status: exchange.status, reason: exchange.reason, headers: exchange.headers, body: responseBody)
    }
}

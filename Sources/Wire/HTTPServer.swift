import KernelInterface
import Trace

/// An HTTP/1.1 server over a listening socket: one thread per connection (as Go's net/http
/// gives each connection a goroutine), keep-alive, and the hop's trace events written where the
/// request is parsed and where the answer is sent.
public final class HTTPServer: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPExchange) throws -> Void

    /// Who is on the other end, for the trace's `from` (`client` for dockerd, `dockerd` for the
    /// registry).
    let peer: String
    let handler: Handler
    /// Header fields every response carries (dockerd's `Api-Version`, `Server` …).
    let defaultHeaders: @Sendable (Kernel) -> [(String, String)]
    /// How large a request's body may be, from its method and target (HTTPCodec.readRequest).
    let bodyLimit: @Sendable (Substring, Substring) -> Int

    public init(peer: String, defaultHeaders: @escaping @Sendable (Kernel) -> [(String, String)] = { _ in [] },
                bodyLimit: @escaping @Sendable (Substring, Substring) -> Int = { _, _ in HTTPCodec.maximumBodySize },
                handler: @escaping Handler) {
        self.peer = peer
        self.handler = handler
        self.defaultHeaders = defaultHeaders
        self.bodyLimit = bodyLimit
    }

    /// Accepts connections until the listener is closed or fails.
    public func serve(kernel: Kernel, listener: FileDescriptor) {
        acceptConnections(kernel: kernel, listener: listener, threadName: "http") { [self] threadKernel, fd in
            serveConnection(kernel: threadKernel, fd: fd)
        }
    }

    /// Serves requests on one connection until the peer closes it, an upgrade takes it over, or
    /// a request is malformed (answered 400, then closed).
    public func serveConnection(kernel: Kernel, fd: FileDescriptor) {
        let connection = Connection(kernel: kernel, fd: fd)
        defer { connection.close() }
        while true {
            let request: HTTPRequest
            do {
                guard let next = try HTTPCodec.readRequest(from: connection, bodyLimit: bodyLimit) else { return }
                request = next
            } catch {
                let body = Array("{\"message\":\"\(String(describing: error).jsonEscaped)\"}\n".utf8)
                var headers = HTTPHeaders(defaultHeaders(kernel))
                headers.add("Content-Type", "application/json")
                try? connection.write(HTTPCodec.serialize(HTTPResponse(status: 400, headers: headers, body: body)))
                return
            }
            let exchange = HTTPExchange(server: self, kernel: kernel, connection: connection, request: request)
            exchange.begin()
            do {
                try exchange.tracer.map { tracer in try tracer.withSpan(exchange.hop.hop) { try handler(exchange) } }
                    ?? handler(exchange)
            } catch {
                if !exchange.answered {
                    exchange.respond(status: 500, json: "{\"message\":\"\(String(describing: error).jsonEscaped)\"}")
                }
            }
            exchange.finishIfStreaming()
            if exchange.upgraded || request.headers["Connection"]?.lowercased() == "close" { return }
        }
    }
}

extension String {
    /// The text escaped for inclusion inside a JSON string literal.
    public var jsonEscaped: String {
        var out = ""
        JSONValue.writeString(self, to: &out)
        return String(out.dropFirst().dropLast())
    }
}

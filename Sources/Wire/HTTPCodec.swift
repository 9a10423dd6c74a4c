/// HTTP/1.1 message syntax (RFC 9112): request and status lines, header fields, bodies framed
/// by `Content-Length` or `Transfer-Encoding: chunked`.
///
///     client                                server
///       │  POST /v1.41/containers/create HTTP/1.1
///       │  Host: api.moby.localhost
///       │  Content-Length: 1739                   │
///       │  {…}  ─────────────────────────────────▶│
///       │◀──────────────── HTTP/1.1 201 Created   │
///       │                  Content-Length: 88     │
///       │                  {"Id":"075a…"}         │
public enum HTTPCodec {
    /// Bodies larger than this are refused with 413 (an image import streams instead).
    public static let maximumBodySize = 64 << 20
    static let maximumHeaderCount = 128

    public static func serialize(_ request: HTTPRequest) -> [UInt8] {
        var head = "\(request.method) \(request.target) HTTP/1.1\r\n"
        var headers = request.headers
        if headers["Content-Length"] == nil && headers["Transfer-Encoding"] == nil
            && (!request.body.isEmpty || request.method == "POST" || request.method == "PUT") {
            headers.add("Content-Length", String(request.body.count))
        }
        for field in headers { head += "\(field.name): \(field.value)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + request.body
    }

    /// The status line and header fields (with the blank line), without the body.
    public static func serializeHead(status: Int, reason: String, headers: HTTPHeaders) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        for field in headers { head += "\(field.name): \(field.value)\r\n" }
        head += "\r\n"
        return Array(head.utf8)
    }

    public static func serialize(_ response: HTTPResponse) -> [UInt8] {
        var headers = response.headers
        if headers["Content-Length"] == nil && headers["Transfer-Encoding"] == nil
            && response.status != 204 && response.status != 304 && response.status != 101 {
            headers.add("Content-Length", String(response.body.count))
        }
        return serializeHead(status: response.status, reason: response.reason, headers: headers) + response.body
    }

    /// Reads one request; nil when the peer closed the connection before a new request.
    /// `bodyLimit` gives, from the method and target, how large its body may be.
    public static func readRequest(from connection: Connection,
                                   bodyLimit: (_ method: Substring, _ target: Substring) -> Int = { _, _ in maximumBodySize }) throws -> HTTPRequest? {
        var line: String
        repeat {
            guard let next = try connection.readLine(limit: 16384) else { return nil }
            line = next
        } while line.isEmpty  // RFC 9112 §2.2: ignore empty lines before a request line
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), !parts[0].isEmpty, parts[1].hasPrefix("/") || parts[1] == "*"
        else { throw WireError.malformed("bad request line \"\(line.prefix(80))\"") }
        let headers = try readHeaders(from: connection)
        let body = try readBody(headers: headers, from: connection, isResponse: false, limit: bodyLimit(parts[0], parts[1]))
        return HTTPRequest(method: String(parts[0]), target: String(parts[1]), headers: headers, body: body)
    }

    /// Reads a response's status line and headers; the body is read by `readBody` (or, after
    /// a 101, the connection carries a raw stream).
    public static func readResponseHead(from connection: Connection) throws -> (status: Int, reason: String, headers: HTTPHeaders) {
        guard let line = try connection.readLine(limit: 16384) else {
            throw WireError.truncated("the server closed the connection without answering")
        }
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw WireError.malformed("bad status line \"\(line.prefix(80))\"")
        }
        return (status, parts.count > 2 ? String(parts[2]) : "", try readHeaders(from: connection))
    }

    public static func readResponse(from connection: Connection) throws -> HTTPResponse {
        let head = try readResponseHead(from: connection)
        let body = head.status == 101 || head.status == 204 || head.status == 304
            ? [] : try readBody(headers: head.headers, from: connection, isResponse: true)
        return HTTPResponse(status: head.status, reason: head.reason, headers: head.headers, body: body)
    }

    static func readHeaders(from connection: Connection) throws -> HTTPHeaders {
        var headers = HTTPHeaders()
        while true {
            guard let line = try connection.readLine(limit: 16384) else {
                throw WireError.truncated("connection closed inside the header fields")
            }
            if line.isEmpty { return headers }
            // field-name ":" OWS field-value OWS (RFC 9110 §5.1), read as bytes.
            let bytes = line.utf8
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon != bytes.startIndex,
                  !bytes[..<colon].contains(UInt8(ascii: " "))
            else { throw WireError.malformed("bad header field \"\(line.prefix(80))\"") }
            func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
            var valueStart = bytes.index(after: colon)
            var valueEnd = bytes.endIndex
            while valueStart < valueEnd, isSpace(bytes[valueStart]) { valueStart = bytes.index(after: valueStart) }
            while valueEnd > valueStart, isSpace(bytes[bytes.index(before: valueEnd)]) { valueEnd = bytes.index(before: valueEnd) }
            headers.add(String(line[..<colon]), String(line[valueStart..<valueEnd]))
            if headers.fields.count > maximumHeaderCount { throw WireError.malformed("more than \(maximumHeaderCount) header fields") }
        }
    }

    /// Reads a body framed by Content-Length or chunked encoding; a response with neither is
    /// read to the end of the connection (RFC 9112 §6.3). A body larger than `limit` is refused
    /// before it is read: `maximumBodySize` unless the caller knows how large the body may be
    /// (a registry blob, whose size its manifest gives).
    public static func readBody(headers: HTTPHeaders, from connection: Connection, isResponse: Bool,
                                limit: Int = maximumBodySize) throws -> [UInt8] {
        if headers.isChunked {
            var body: [UInt8] = []
            while let chunk = try readChunk(from: connection, limit: limit) {
                body += chunk
                if body.count > limit { throw WireError.malformed("body larger than \(limit) bytes") }
            }
            return body
        }
        if let lengthText = headers["Content-Length"] {
            guard let length = Int(lengthText.trimmingCharacters()), length >= 0 else {
                throw WireError.malformed("bad Content-Length \"\(lengthText)\"")
            }
            guard length <= limit else { throw WireError.malformed("body of \(length) bytes is larger than \(limit)") }
            return try connection.readExactly(length)
        }
        return isResponse ? try connection.readToEnd(limit: limit) : []
    }

    /// One chunk of a chunked body; nil after the last (zero-size) chunk and its trailer.
    public static func readChunk(from connection: Connection, limit: Int = maximumBodySize) throws -> [UInt8]? {
        guard let sizeLine = try connection.readLine(limit: 1024) else {
            throw WireError.truncated("connection closed inside a chunked body")
        }
        let sizeText = sizeLine.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        guard let size = Int(sizeText.trimmingCharacters(), radix: 16), size >= 0 else {
            throw WireError.malformed("bad chunk size \"\(sizeLine.prefix(40))\"")
        }
        if size == 0 {
            while let trailer = try connection.readLine(limit: 16384), !trailer.isEmpty {}
            return nil
        }
        guard size <= limit else { throw WireError.malformed("chunk of \(size) bytes is too large") }
        let data = try connection.readExactly(size)
        guard try connection.readLine(limit: 2) == "" else { throw WireError.malformed("chunk not followed by CRLF") }
        return data
    }

    /// One chunk in chunked transfer coding.
    public static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [0x0D, 0x0A]
    }

    public static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}

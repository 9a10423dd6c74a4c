/// HTTP/1.1 header fields in the order they were written, looked up case-insensitively
/// (RFC 9110 §5.1).
public struct HTTPHeaders: Sendable, Equatable, Sequence {
    public private(set) var fields: [(name: String, value: String)]

    public init(_ fields: [(String, String)] = []) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    public static func == (a: HTTPHeaders, b: HTTPHeaders) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public subscript(name: String) -> String? {
        fields.first(where: { HTTPHeaders.namesMatch($0.name, name) })?.value
    }

    /// Field names are compared without regard to ASCII case (RFC 9110 §5.1).
    static func namesMatch(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= UInt8(ascii: "a") && (x | 0x20) <= UInt8(ascii: "z"))
        }
    }

    /// Whether Transfer-Encoding names chunked (RFC 9112 §7: a comma-separated list of
    /// codings, compared without regard to case). Read token by token: `String.contains` of a
    /// String goes through the _StringProcessing module, whose first use in a process
    /// instantiates its searcher's generic types by mangled name.
    public var isChunked: Bool {
        guard let encoding = self["Transfer-Encoding"] else { return false }
        return encoding.split(separator: ",").contains(where: { (coding: Substring) -> Bool in
            HTTPHeaders.namesMatch(String(coding).trimmingCharacters(), "chunked")
        })
    }

    public mutating func add(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    /// Replaces every field of that name with one.
    public mutating func set(_ name: String, _ value: String) {
        fields.removeAll(where: { HTTPHeaders.namesMatch($0.name, name) })
        fields.append((name: name, value: value))
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }
}

public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target as sent: path and query (`/v1.41/containers/create?name=web`).
    public var target: String
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: String, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The path without the query, percent-decoded.
    public var path: String {
        let raw = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        return percentDecode(raw)
    }

    /// The query parameters, percent-decoded, in order.
    public var query: [(String, String)] {
        guard let mark = target.firstIndex(of: "?") else { return [] }
        return target[target.index(after: mark)...].split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = percentDecode(String(parts[0]), plusIsSpace: true)
            let value = parts.count > 1 ? percentDecode(String(parts[1]), plusIsSpace: true) : ""
            return (key, value)
        }
    }

    public func queryValue(_ name: String) -> String? {
        query.last(where: { $0.0 == name })?.1
    }

    /// The request line as the trace shows it: `POST /v1.41/containers/create`.
    public var line: String { "\(method) \(target)" }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var reason: String
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, reason: String? = nil, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.reason = reason ?? HTTPResponse.reasonPhrase(status)
        self.headers = headers
        self.body = body
    }

    public var statusLine: String { "\(status) \(reason)" }

    /// The reason phrases Go's net/http writes (dockerd is a Go program), and Docker's own
    /// `101 UPGRADED` for a hijacked attach.
    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 101: return "UPGRADED"
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 411: return "Length Required"
        case 413: return "Request Entity Too Large"
        case 416: return "Requested Range Not Satisfiable"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        default: return "Status \(status)"
        }
    }
}

/// Percent-decoding of a URL component (RFC 3986 §2.1); invalid escapes are kept as written.
public func percentDecode(_ text: String, plusIsSpace: Bool = false) -> String {
    guard text.contains("%") || (plusIsSpace && text.contains("+")) else { return text }
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.popFirst() {
        if byte == UInt8(ascii: "%"), utf8.count >= 2,
           let high = hexValue(utf8[utf8.startIndex]), let low = hexValue(utf8[utf8.startIndex + 1]) {
            bytes.append(high << 4 | low)
            utf8 = utf8.dropFirst(2)
        } else if plusIsSpace && byte == UInt8(ascii: "+") {
            bytes.append(0x20)
        } else {
            bytes.append(byte)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Percent-encoding for a query value: everything but RFC 3986's unreserved characters.
public func percentEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
             UInt8(ascii: "."), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            let digits = Array("0123456789ABCDEF")
            out += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
        }
    }
    return out
}

func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: return byte - 0x30
    case 0x41...0x46: return byte - 0x41 + 10
    case 0x61...0x66: return byte - 0x61 + 10
    default: return nil
    }
}

/// W3C Trace Context ids (https://www.w3.org/TR/trace-context/): a 16-byte trace id shared by
/// every event of one journey and an 8-byte span id per hop. The context crosses each hop the
/// way the real protocols carry it: the `traceparent` HTTP header, the RPC's metadata, and the
/// `TRACEPARENT` environment variable of an exec'd program.
public struct TraceContext: Sendable, Hashable {
    /// 32 lowercase hex digits.
    public var traceID: String
    /// 16 lowercase hex digits: the span that is current where this context was taken.
    public var spanID: String

    public init(traceID: String, spanID: String) {
        self.traceID = traceID
        self.spanID = spanID
    }

    /// The HTTP header, RPC metadata key and (upper-cased) environment variable name.
    public static let headerName = "traceparent"
    public static let environmentName = "TRACEPARENT"

    /// `00-<trace-id>-<parent-id>-01`, the W3C `traceparent` form.
    public var traceparent: String { "00-\(traceID)-\(spanID)-01" }

    /// Parses a `traceparent` value; nil when it is not version 00 of the W3C form.
    public init?(traceparent: String) {
        let parts = traceparent.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "00", parts[1].count == 32, parts[2].count == 16,
              parts[1].allSatisfy(\.isHexDigit), parts[2].allSatisfy(\.isHexDigit)
        else { return nil }
        self.traceID = parts[1].lowercased()
        self.spanID = parts[2].lowercased()
    }

    /// Finds `TRACEPARENT=` in an environment list.
    public init?(environment: [String]) {
        let prefix = TraceContext.environmentName + "="
        guard let entry = environment.first(where: { $0.hasPrefix(prefix) }) else { return nil }
        self.init(traceparent: String(entry.dropFirst(prefix.count)))
    }
}

/// Lowercase hex of bytes, the spelling of every id in a trace.
public func hexString(_ bytes: [UInt8]) -> String {
    String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
        for (index, byte) in bytes.enumerated() {
            buffer[2 * index] = hexDigits[Int(byte >> 4)]
            buffer[2 * index + 1] = hexDigits[Int(byte & 0x0F)]
        }
        return bytes.count * 2
    }
}

/// The 16 hex digits of `value`, most significant first (a span id).
public func hexString(_ value: UInt64) -> String {
    String(unsafeUninitializedCapacity: 16) { buffer in
        for index in 0..<16 {
            buffer[index] = hexDigits[Int((value >> (60 - 4 * UInt64(index))) & 0x0F)]
        }
        return 16
    }
}

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

import Trace

/// A forward-only reader of JSON (RFC 8259) over the bytes of one trace line: it checks syntax
/// as strictly as `Trace.JSONParser` but, unlike it, builds nothing unless asked, so a line can
/// be validated and skipped without allocating.
struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    static let maximumDepth = 512

    /// A string's contents (between the quotes) and whether it has escapes to decode.
    struct StringRange {
        var range: Range<Int>
        var escaped: Bool
    }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    var isNumberAhead: Bool {
        guard let byte = peek else { return false }
        return byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte)
    }

    func failure(_ reason: String) -> TraceLineDecoder.Failure {
        TraceLineDecoder.Failure(reason: "invalid JSON at byte \(index): \(reason)")
    }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func expect(_ byte: UInt8, _ reason: String) throws {
        guard peek == byte else { throw failure(atEnd ? "unexpected end" : reason) }
        index += 1
    }

    func bytes(_ range: Range<Int>, equal name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != name.utf8Start[offset] {
            return false
        }
        return true
    }

    /// Reads a string at the cursor, checking its escapes, without decoding it.
    mutating func string() throws -> StringRange {
        index += 1
        let start = index
        var escaped = false
        while index < bytes.count {
            skipPlainStringBytes()
            guard index < bytes.count else { break }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return StringRange(range: start..<(index - 1), escaped: escaped)
            case UInt8(ascii: "\\"):
                escaped = true
                index += 1
                guard let escape = peek else { throw failure("unexpected end in escape") }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count else { throw failure("short \\u escape") }
                    for _ in 0..<4 {
                        guard isHexDigit(bytes[index]) else { throw failure("bad hex digit") }
                        index += 1
                    }
                default:
                    index -= 1
                    throw failure("unknown escape")
                }
            case 0..<0x20:
                throw failure("control character in string")
            default:
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    /// Skips whole eight-byte words of a string that hold no quote, backslash or control
    /// character (each found by the zero-byte test on the word XOR the byte, and the
    /// less-than-0x20 test), so long strings are crossed a word at a time.
    private mutating func skipPlainStringBytes() {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let quote = word ^ 0x2222_2222_2222_2222, backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let special = ((quote &- 0x0101_0101_0101_0101) & ~quote)
                | ((backslash &- 0x0101_0101_0101_0101) & ~backslash)
                | ((word &- 0x2020_2020_2020_2020) & ~word)
            if special & 0x8080_8080_8080_8080 != 0 { return }
            index += 8
        }
    }

    /// The text of a string read by `string()`; escapes are decoded by `JSONParser`.
    func decoded(_ string: StringRange) throws -> String {
        guard string.escaped else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[string.range]), as: UTF8.self)
        }
        let quoted = Array(bytes[(string.range.lowerBound - 1)...string.range.upperBound])
        do {
            guard let text = try JSONParser.parse(quoted).stringValue else { throw failure("expected a string") }
            return text
        } catch let error as JSONParser.SyntaxError {
            throw TraceLineDecoder.Failure(reason: "invalid JSON at byte \(string.range.lowerBound - 1 + error.offset): \(error.reason)")
        }
    }

    /// A number at the cursor as an integer, or nil when it is a valid number but not an exact
    /// 64-bit integer (`TraceEvent` reads `1.0` as 1, as `JSONValue.intValue` does).
    mutating func integer() throws -> Int64? {
        let start = index
        let negative = peek == UInt8(ascii: "-")
        if negative { index += 1 }
        guard let first = peek, (0x30...0x39).contains(first) else { throw failure("unexpected character") }
        var value: Int64 = 0
        var overflow = false
        while let byte = peek, (0x30...0x39).contains(byte) {
            let digit = Int64(byte - 0x30)
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            value = sum
            index += 1
        }
        var integral = true
        if peek == UInt8(ascii: ".") {
            integral = false
            index += 1
            try digits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            integral = false
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            try digits()
        }
        if integral, !overflow { return value }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        return Double(text).flatMap { Int64(exactly: $0) }
    }

    private mutating func digits() throws {
        guard let byte = peek, (0x30...0x39).contains(byte) else { throw failure("bad number") }
        while let byte = peek, (0x30...0x39).contains(byte) { index += 1 }
    }

    private func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}

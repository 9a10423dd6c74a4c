/// A small, strict JSON parser over UTF-8 bytes (RFC 8259). It is used to read traces back,
/// where speed matters: it works on the bytes directly and builds `JSONValue`s. The Codable
/// decoder reuses the same scanner to build a tree that keeps every number's text exactly
/// (`ScannedJSON`), as Foundation's JSONDecoder reads a UInt64 beyond Int64 from its digits.
public struct JSONParser {
    public struct SyntaxError: Error, CustomStringConvertible, Sendable {
        public let offset: Int
        public let reason: String
        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Parses one complete JSON text.
    public static func parse(_ text: String) throws -> JSONValue {
        try parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try parse(bytes, as: JSONValue.self)
    }

    static func parse<Tree: JSONTreeBuilding>(_ bytes: [UInt8], as: Tree.Type) throws -> Tree {
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = Cursor<Tree>(bytes: buffer)
            parser.skipSpace()
            let value = try parser.value(depth: 0)
            parser.skipSpace()
            guard parser.index == buffer.count else { throw parser.error("trailing characters") }
            return value
        }
    }

    /// Parses a slice of bytes (one line of a JSON Lines file).
    public static func parse(_ bytes: ArraySlice<UInt8>) throws -> JSONValue {
        try parse(Array(bytes))
    }

    static let maximumDepth = 512

    struct Cursor<Tree: JSONTreeBuilding> {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        func error(_ reason: String) -> SyntaxError { SyntaxError(offset: index, reason: reason) }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws -> Tree {
            guard depth < JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
            guard index < bytes.count else { throw error("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return try number()
            }
        }

        mutating func literal(_ word: StaticString) throws {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw error("unexpected end") }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
                throw error("unknown literal")
            }
            index += count
        }

        mutating func object(depth: Int) throws -> Tree {
            index += 1
            var members: [(String, Tree)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key") }
                let key = try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
                index += 1
                skipSpace()
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                guard index < bytes.count else { throw error("unexpected end in object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                throw error("expected ',' or '}'")
            }
        }

        mutating func array(depth: Int) throws -> Tree {
            index += 1
            var items: [Tree] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard index < bytes.count else { throw error("unexpected end in array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                throw error("expected ',' or ']'")
            }
        }

        mutating func string() throws -> String {
            index += 1
            let start = index
            // Fast path: no escapes.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return s
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw error("control character in string") }
                index += 1
            }
            var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: scalars, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw error("unexpected end in escape") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): scalars.append(0x22)
                    case UInt8(ascii: "\\"): scalars.append(0x5C)
                    case UInt8(ascii: "/"): scalars.append(0x2F)
                    case UInt8(ascii: "b"): scalars.append(0x08)
                    case UInt8(ascii: "f"): scalars.append(0x0C)
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "r"): scalars.append(0x0D)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code) {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                            else { throw error("lone surrogate") }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw error("bad surrogate pair") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw error("invalid code point") }
                        scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: throw error("unknown escape")
                    }
                default:
                    if byte < 0x20 { throw error("control character in string") }
                    scalars.append(byte)
                    index += 1
                }
            }
            throw error("unterminated string")
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("short \\u escape") }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw error("bad hex digit")
                }
                code = code << 4 | digit
                index += 1
            }
            return code
        }

        mutating func number() throws -> Tree {
            let start = index
            var isInteger = true
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { throw error("unexpected character") }
            while index < bytes.count {
                let byte = bytes[index]
                if (0x30...0x39).contains(byte) { index += 1; continue }
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                    isInteger = false
                    index += 1
                    continue
                }
                break
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Tree.number(text, isInteger: isInteger) else { throw error("bad number") }
            return value
        }
    }
}

/// What the parser builds: `JSONValue` for traces, `ScannedJSON` for the Codable decoder.
protocol JSONTreeBuilding {
    static var null: Self { get }
    static func bool(_ value: Bool) -> Self
    static func string(_ value: String) -> Self
    static func array(_ items: [Self]) -> Self
    static func object(_ members: [(String, Self)]) -> Self
    /// The number written as `text` (digits, sign, fraction and exponent characters only), or
    /// nil when `text` is not a number.
    static func number(_ text: String, isInteger: Bool) -> Self?
}

extension JSONValue: JSONTreeBuilding {
    static func number(_ text: String, isInteger: Bool) -> JSONValue? {
        if isInteger, let value = Int64(text) { return .int(value) }
        guard let value = Double(text) else { return nil }
        return .double(value)
    }

    /// A number's text (as written, or as the encoder writes it) read as the parser reads it:
    /// an integer when nothing but a leading sign and digits, else a Double; null if neither.
    static func number(text: String) -> JSONValue {
        let isInteger = !text.utf8.dropFirst().contains { [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                                                            UInt8(ascii: "+"), UInt8(ascii: "-")].contains($0) }
        return number(text, isInteger: isInteger) ?? .null
    }
}

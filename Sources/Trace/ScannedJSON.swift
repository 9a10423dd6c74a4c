/// A parsed JSON text that keeps every number the way it was written, for the Codable decoder.
///
/// `JSONValue` holds numbers as `Int64` or `Double`, which cannot hold 18446744073709551615 (an
/// rlimit of "unlimited"). Foundation's JSONDecoder keeps a number's digits until a field asks for
/// a type, then converts them exactly; so does this tree, for any number that is not an Int64.
enum ScannedJSON: JSONTreeBuilding {
    case null
    case bool(Bool)
    case int(Int64)
    /// A number that is not an Int64 (a fraction, an exponent, beyond Int64, or malformed), as
    /// written.
    case number(String)
    /// A Double handed over in a `JSONValue` (see ScannedJSON+Decoding.swift for how it reads).
    case double(Double)
    case string(String)
    case array([ScannedJSON])
    case object([(String, ScannedJSON)])
    /// An array or object handed over as a `JSONValue` (an RPC body already parsed), converted
    /// one level at a time as the decoder reaches into it: a document carried whole (an OCI
    /// spec inside a containerd message) goes to its `JSONValueCodable` as it came.
    case given(JSONValue)

    /// Like Foundation's scanner, takes a malformed number ("01", "1.") as a number and
    /// refuses it only when a field reads it (`dataCorrupted`); an unread member is not checked.
    static func number(_ text: String, isInteger: Bool) -> ScannedJSON? {
        if isInteger, JSONNumberGrammar.isValid(text.utf8), let value = Int64(text) { return .int(value) }
        return .number(text)
    }

    /// The same tree as a `JSONValue`, numbers converted as `JSONParser` converts them.
    var jsonValue: JSONValue {
        switch self {
        case .null: return .null
        case let .bool(value): return .bool(value)
        case let .int(value): return .int(value)
        case let .number(text): return JSONValue.number(text: text)
        case let .double(value): return .double(value)
        case let .string(value): return .string(value)
        case let .array(items): return .array(items.map(\.jsonValue))
        case let .object(members): return .object(members.map { ($0.0, $0.1.jsonValue) })
        case let .given(value): return value
        }
    }
}

extension ScannedJSON {
    /// A tree handed over as a `JSONValue` (an RPC body already parsed), for the decoder.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case let .bool(bool): self = .bool(bool)
        case let .int(int): self = .int(int)
        case let .double(double): self = .double(double)
        case let .string(string): self = .string(string)
        case .array, .object: self = .given(value)
        }
    }
}

/// RFC 8259's number grammar, `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, which
/// Foundation's decoder enforces when a number is read: "01" and "1." are not numbers.
enum JSONNumberGrammar {
    static func isValid(_ text: String.UTF8View) -> Bool {
        var bytes = text.makeIterator()
        var next = bytes.next()
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { (0x30...0x39).contains($0) } ?? false }
        if next == UInt8(ascii: "-") { next = bytes.next() }
        if next == UInt8(ascii: "0") {
            next = bytes.next()
        } else {
            guard isDigit(next) else { return false }
            while isDigit(next) { next = bytes.next() }
        }
        if next == UInt8(ascii: ".") {
            next = bytes.next()
            guard isDigit(next) else { return false }
            while isDigit(next) { next = bytes.next() }
        }
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            next = bytes.next()
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { next = bytes.next() }
            guard isDigit(next) else { return false }
            while isDigit(next) { next = bytes.next() }
        }
        return next == nil
    }
}

/// What the Codable decoder asks of the tree it reads. The decoder is written for this one
/// concrete tree: a decoder generic over its tree ran unspecialized (each `Decodable` type's
/// `init(from:)` reaches it through the `Decoder` existential), and looking up generic metadata
/// at every value cost more than the decoding itself.
///
/// A `.double` (only in a tree made from a `JSONValue`) reads as that `JSONValue` did: a
/// non-finite one as null, an integer from it exactly (through its shortest text from 2^53 up,
/// as decoding the written value did: "-9.223372036854776e+18" is not an Int64).
extension ScannedJSON {
    var isNull: Bool {
        switch self {
        case .null: return true
        case let .double(value): return !value.isFinite
        default: return false
        }
    }
    var isNumber: Bool {
        switch self {
        case .int, .number: return true
        case let .double(value): return value.isFinite
        default: return false
        }
    }
    var boolPayload: Bool? { if case let .bool(value) = self { value } else { nil } }
    var stringPayload: String? { if case let .string(value) = self { value } else { nil } }
    var elementsPayload: [ScannedJSON]? {
        switch self {
        case let .array(items): return items
        case let .given(.array(items)): return items.map(ScannedJSON.init)
        default: return nil
        }
    }
    var membersPayload: [(String, ScannedJSON)]? {
        switch self {
        case let .object(members): return members
        case let .given(.object(members)): return members.map { ($0.0, ScannedJSON($0.1)) }
        default: return nil
        }
    }

    /// As Foundation's JSONDecoder converts a number's text: the digits directly when they are
    /// an integer; else through a Double, which must hold an integer of `T`, and below 2^53 is
    /// the answer; above, the text's own digits are the answer (Foundation reads them as a
    /// Decimal), so "9007199254740993.0" is 9007199254740993.
    func integer<T: FixedWidthInteger>(_ type: T.Type) -> T? {
        switch self {
        case let .int(value): return T(exactly: value)
        case let .number(text):
            guard JSONNumberGrammar.isValid(text.utf8) else { return nil }
            if let exact = T(text) { return exact }
            guard let double = Double(text), double.isFinite, let value = T(exactly: double) else { return nil }
            if double.magnitude < 0x1p53 { return value }
            return Self.decimalInteger(text, as: type)
        case let .double(value):
            guard value.isFinite else { return nil }
            if value.magnitude < 0x1p53 { return T(exactly: value) }
            return ScannedJSON.number(String(value)).integer(type)
        default: return nil
        }
    }

    func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: T.Type) -> T? {
        switch self {
        case let .int(value): return T(value)
        case let .number(text):
            guard JSONNumberGrammar.isValid(text.utf8), let value = T(text), value.isFinite else { return nil }
            return value != 0 || Self.isTrueZero(text) ? value : nil
        case let .double(value):
            let result = T(value)
            return result.isFinite ? result : nil
        default: return nil
        }
    }

    var numberText: String {
        switch self {
        case let .int(value): return String(value)
        case let .number(text): return text
        case let .double(value): return String(value)
        default: return jsonValue.serialized
        }
    }

    var kindDescription: String {
        if isNull { return "null" }
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .number, .double: return "number"
        case .string: return "a string"
        case .array, .given(.array): return "an array"
        case .object, .given: return "a dictionary"
        }
    }

    /// The integer a valid number's text denotes, its fraction cut off as Foundation's
    /// conversion from Decimal cuts it: the digits shifted by the exponent.
    private static func decimalInteger<T: FixedWidthInteger>(_ text: String, as type: T.Type) -> T? {
        let exponentStart = text.firstIndex(where: { $0 == "e" || $0 == "E" })
        let mantissa = text[..<(exponentStart ?? text.endIndex)]
        let exponent = exponentStart.map { Int(text[text.index(after: $0)...].drop(while: { $0 == "+" })) ?? 0 } ?? 0
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? mantissa.dropFirst() : mantissa
        let dot = unsigned.firstIndex(of: ".")
        let fraction = dot.map { unsigned[unsigned.index(after: $0)...] } ?? ""
        var digits = String(unsigned[..<(dot ?? unsigned.endIndex)]) + fraction
        let shift = exponent - fraction.count
        if shift >= 0 {
            guard shift <= 40 else { return nil }
            digits += String(repeating: "0", count: shift)
        } else {
            digits = String(digits.dropLast(-shift))
        }
        if digits.isEmpty { digits = "0" }
        return T((negative ? "-" : "") + digits)
    }

    /// Whether a number that parsed to zero was written as zero ("0.0e5"), rather than being too
    /// small for a Double ("1e-400"), as Foundation's `isTrueZero` asks.
    private static func isTrueZero(_ text: String) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "1")...UInt8(ascii: "9"): return false
            case UInt8(ascii: "e"), UInt8(ascii: "E"): return true
            default: continue
            }
        }
        return true
    }
}

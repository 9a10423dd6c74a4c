/// What the Codable decoder reads from: a `JSONValue` handed over by a caller, or a
/// `ScannedJSON` parsed from bytes. Both answer the same questions, so one decoder serves both
/// without converting one tree into the other.
protocol JSONDecodingTree: JSONTreeBuilding {
    var isNull: Bool { get }
    var isNumber: Bool { get }
    var boolPayload: Bool? { get }
    var stringPayload: String? { get }
    var elementsPayload: [Self]? { get }
    var membersPayload: [(String, Self)]? { get }
    /// This number as `T`, or nil when it is not one exactly (a fraction, out of range).
    func integer<T: FixedWidthInteger>(_ type: T.Type) -> T?
    /// This number as `T`, or nil when it overflows to infinity or underflows to zero.
    func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: T.Type) -> T?
    /// A number as written, for messages.
    var numberText: String { get }
    /// The kind of value in the words of Foundation's type-mismatch messages.
    var kindDescription: String { get }
    /// This tree as a `JSONValue`, for a `JSONValueConvertible` type.
    var jsonValue: JSONValue { get }
}

/// A non-finite Double reads as null, as it did when a `JSONValue` was written out (where it
/// becomes null) and decoded from its text.
extension JSONValue: JSONDecodingTree {
    var isNull: Bool {
        switch self {
        case .null: return true
        case let .double(value): return !value.isFinite
        default: return false
        }
    }
    var isNumber: Bool {
        switch self {
        case .int: return true
        case let .double(value): return value.isFinite
        default: return false
        }
    }
    var jsonValue: JSONValue { self }
    var boolPayload: Bool? { if case let .bool(value) = self { value } else { nil } }
    var stringPayload: String? { stringValue }
    var elementsPayload: [JSONValue]? { arrayValue }
    var membersPayload: [(String, JSONValue)]? { if case let .object(members) = self { members } else { nil } }

    /// A Double from 2^53 up is read from its shortest text, as decoding the written value did
    /// ("-9.223372036854776e+18" is not an Int64).
    func integer<T: FixedWidthInteger>(_ type: T.Type) -> T? {
        switch self {
        case let .int(value): return T(exactly: value)
        case let .double(value):
            guard value.isFinite else { return nil }
            if value.magnitude < 0x1p53 { return T(exactly: value) }
            return ScannedJSON.number(String(value)).integer(type)
        default: return nil
        }
    }

    func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: T.Type) -> T? {
        let result: T
        switch self {
        case let .int(value): result = T(value)
        case let .double(value): result = T(value)
        default: return nil
        }
        return result.isFinite ? result : nil
    }

    var numberText: String {
        switch self {
        case let .int(value): return String(value)
        case let .double(value): return String(value)
        default: return serialized
        }
    }

    var kindDescription: String {
        if isNull { return "null" }
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double: return "number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "a dictionary"
        }
    }
}

extension ScannedJSON: JSONDecodingTree {
    var isNull: Bool { if case .null = self { true } else { false } }
    var isNumber: Bool {
        switch self {
        case .int, .number: return true
        default: return false
        }
    }
    var boolPayload: Bool? { if case let .bool(value) = self { value } else { nil } }
    var stringPayload: String? { if case let .string(value) = self { value } else { nil } }
    var elementsPayload: [ScannedJSON]? { if case let .array(items) = self { items } else { nil } }
    var membersPayload: [(String, ScannedJSON)]? { if case let .object(members) = self { members } else { nil } }

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
        default: return nil
        }
    }

    func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: T.Type) -> T? {
        switch self {
        case let .int(value): return T(value)
        case let .number(text):
            guard JSONNumberGrammar.isValid(text.utf8), let value = T(text), value.isFinite else { return nil }
            return value != 0 || Self.isTrueZero(text) ? value : nil
        default: return nil
        }
    }

    var numberText: String {
        switch self {
        case let .int(value): return String(value)
        case let .number(text): return text
        default: return jsonValue.serialized
        }
    }

    var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .number: return "number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "a dictionary"
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

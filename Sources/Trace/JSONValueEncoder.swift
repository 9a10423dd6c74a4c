/// Encodes any `Encodable` value to JSON bytes or to a `JSONValue`, without Foundation, byte
/// for byte as Foundation's JSONEncoder does with `outputFormatting = [.sortedKeys,
/// .withoutEscapingSlashes]` and default strategies — the one configuration this project used.
///
/// As swift-foundation's JSONEncoder and JSONWriter do: an object's keys sorted by their UTF-8
/// bytes; a key encoded twice keeps its last value; integers written as integers; a Double or
/// Float written as its `description` without a trailing ".0" ("1", "0.5", "1e+20", "-0"), and a
/// non-finite one refused with `EncodingError.invalidValue`; `encodeIfPresent` of nil writes
/// nothing and `encodeNil` writes null; a nested value that encodes nothing is `{}`.
public struct JSONValueEncoder {
    /// Handed to every `encode(to:)` as `encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: Any] = [:]

    public init() {}

    /// The JSON text of `value`, as Foundation's JSONEncoder writes it.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        var writer = EncodedJSONWriter()
        writer.write(try encodeTree(value))
        return writer.bytes
    }

    /// `value` as a `JSONValue`, equal to what `JSONParser` reads back from `encode(value)`:
    /// members in sorted order, whole numbers as `.int`.
    public func encodeValue<T: Encodable>(_ value: T) throws -> JSONValue {
        try encodeTree(value).jsonValue
    }

    private func encodeTree<T: Encodable>(_ value: T) throws -> EncodedJSON {
        if T.self == JSONValueCodable.self { return try EncodedJSON((value as! JSONValueCodable).value, at: .root) }
        let encoder = TreeEncoder(at: .root, userInfo: userInfo)
        try value.encode(to: encoder)
        guard let tree = encoder.storage else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."
            ))
        }
        return tree
    }
}

/// What the encoder builds before writing. Containers are references, so that a container
/// handed out earlier (a nested container, a super encoder) can still add to its parent.
enum EncodedJSON {
    case null
    case bool(Bool)
    case int(Int64)
    /// A number as it will be written: a UInt64 beyond Int64, or a Double or Float already in
    /// Foundation's text.
    case number(String)
    case string(String)
    case array(EncodedArray)
    case object(EncodedObject)
    /// A `JSONValueCodable`'s tree that is already what the writer would make of it (see
    /// `EncodedJSON.init(_:at:)`), written as it is.
    case tree(JSONValue)

    static func integer<T: FixedWidthInteger>(_ value: T) -> EncodedJSON {
        if let small = Int64(exactly: value) { return .int(small) }
        return .number(String(value))
    }

    /// Foundation's text for a floating-point number: its `description`, less a trailing ".0".
    static func floatingPoint<T: BinaryFloatingPoint & CustomStringConvertible>(
        _ value: T, at path: JSONCodingPathNode
    ) throws -> EncodedJSON {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: path.path, debugDescription: "Unable to encode \(T.self).\(value) directly in JSON."
            ))
        }
        return .number(floatingPointText(value))
    }

    static func floatingPointText<T: BinaryFloatingPoint & CustomStringConvertible>(_ value: T) -> String {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    var jsonValue: JSONValue {
        switch self {
        case .null: return .null
        case let .bool(value): return .bool(value)
        case let .int(value): return .int(value)
        case let .number(text): return JSONValue.number(text: text)
        case let .string(value): return .string(value)
        case let .array(array): return .array(array.items.map(\.jsonValue))
        case let .object(object): return .object(object.sortedMembers.map { ($0.0, $0.1.jsonValue) })
        case let .tree(value): return value
        }
    }
}

final class EncodedArray {
    var items: [EncodedJSON] = []
}

/// An object's members in the order they were set; a key set twice is resolved when the
/// object is read, keeping the last value, as Foundation's dictionary of members does.
final class EncodedObject {
    private(set) var members: [(String, EncodedJSON)] = []

    func set(_ key: String, _ value: EncodedJSON) {
        members.append((key, value))
    }

    /// The value last set for `key`, to reopen a nested container on it.
    func last(_ key: String) -> EncodedJSON? {
        members.last(where: { $0.0 == key })?.1
    }

    /// Members sorted by the UTF-8 bytes of their keys, as JSONWriter sorts `.sortedKeys`.
    var sortedMembers: [(String, EncodedJSON)] {
        guard members.count > 1 else { return members }
        let sorted = members.enumerated().sorted { a, b in
            if a.element.0 == b.element.0 { return a.offset < b.offset }
            return a.element.0.utf8.lexicographicallyPrecedes(b.element.0.utf8)
        }
        var result: [(String, EncodedJSON)] = []
        result.reserveCapacity(sorted.count)
        for entry in sorted {
            if let last = result.last, last.0 == entry.element.0 {
                result[result.count - 1] = entry.element
            } else {
                result.append(entry.element)
            }
        }
        return result
    }
}

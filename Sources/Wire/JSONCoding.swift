import Trace

/// Codable messages to and from bytes and `JSONValue`s, with one encoder configuration for the
/// whole project: keys sorted (a Swift dictionary's order changes from one process to the next,
/// and a trace must not) and slashes unescaped, as Go's encoding/json writes them. The codec is
/// Trace's own (`JSONValueEncoder`, `JSONValueDecoder`), which writes what Foundation's
/// JSONEncoder wrote with `[.sortedKeys, .withoutEscapingSlashes]`, so no program links
/// Foundation for JSON.
public enum JSONCoding {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        try JSONValueEncoder().encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        do {
            return try JSONValueDecoder().decode(type, from: bytes)
        } catch let error as DecodingError {
            throw WireError.malformed(describe(error))
        }
    }

    public static func value<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONValueEncoder().encodeValue(value)
    }

    /// Decodes a value already parsed (an RPC body), reading the tree in place.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        do {
            return try JSONValueDecoder().decode(type, from: value)
        } catch let error as DecodingError {
            throw WireError.malformed(describe(error))
        }
    }

    /// A decoding error in words: which field, and what was wrong with it.
    public static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            var text = ""
            for key in context.codingPath {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "the body" : "field \"" + text + "\""
        }
        switch error {
        case let .typeMismatch(type, context):
            return "\(path(context)) has the wrong type: expected \(typeName(type))"
        case let .valueNotFound(type, context):
            return "\(path(context)) is null: expected \(typeName(type))"
        case let .keyNotFound(key, context):
            return "missing field \"\(key.stringValue)\" in \(path(context))"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "invalid JSON" : "\(path(context)) is invalid: \(context.debugDescription)"
        @unknown default:
            return "invalid JSON"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt32.Type, is UInt64.Type: return "an integer"
        case is Double.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }
}

/// A document carried whole (an OCI spec inside a containerd message) crosses the codec as a
/// tree: the decoder hands over the parsed value instead of rebuilding it through
/// `decodeValue(from:)` value by value, with the same result — members sorted by key and each
/// key once (its first value), null for a non-finite number, whole numbers that fit an Int64 as
/// integers.
extension JSONValueCodable: JSONValueConvertible {
    public init(jsonValue: JSONValue) {
        self.init(Self.isNormal(jsonValue) ? jsonValue : Self.normalized(jsonValue))
    }

    /// Whether a tree is already what `normalized` makes of it (a document this codec wrote
    /// is), so that it is kept as it is rather than copied.
    private static func isNormal(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool, .int, .string: return true
        case let .double(number): return number.isFinite && Int64(exactly: number) == nil
        case let .array(items): return items.allSatisfy(isNormal)
        case let .object(members):
            for index in members.indices {
                if index > 0, !(members[index - 1].0 < members[index].0) { return false }
                if !isNormal(members[index].1) { return false }
            }
            return true
        }
    }

    public var jsonValue: JSONValue { value }

    private static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .array(items): return .array(items.map(normalized))
        case let .object(members):
            // A document written by this codec is sorted already: then there is nothing to
            // sort and no key can repeat.
            let isSorted = members.indices.dropFirst().allSatisfy { members[$0 - 1].0 < members[$0].0 }
            if isSorted { return .object(members.map { ($0.0, normalized($0.1)) }) }
            var seen = Set<String>()
            let unique = members.filter { seen.insert($0.0).inserted }
            return .object(unique.sorted(by: { $0.0 < $1.0 }).map { ($0.0, normalized($0.1)) })
        case let .double(number):
            if let integer = try? JSONValueDecoder().decode(Int64.self, from: value) { return .int(integer) }
            return number.isFinite ? value : .null
        case .null, .bool, .int, .string: return value
        }
    }
}

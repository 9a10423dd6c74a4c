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


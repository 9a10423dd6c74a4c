import Trace

/// The one JSON encoding every OCI document here is written with: keys sorted and slashes left
/// unescaped, so that the same value always gives the same bytes and therefore the same digest.
/// (Go's encoding/json writes struct fields in declaration order; what matters for content
/// addressing is only that one writer is stable, and a Swift dictionary's order is not.)
/// The codec is Trace's, byte for byte what Foundation's JSONEncoder wrote with these options.
public enum OCIJSON {
    public static func encode<Value: Encodable>(_ value: Value) -> [UInt8] {
        do {
            return try JSONValueEncoder().encode(value)
        } catch {
            preconditionFailure("encoding \(Value.self) as JSON cannot fail: \(error)")
        }
    }

    public static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        do {
            return try JSONValueDecoder().decode(type, from: bytes)
        } catch {
            throw OCIError.invalidJSON("\(Value.self): \(error)")
        }
    }
}

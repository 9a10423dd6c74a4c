/// Members of a JSON object, set by key. Reopening a nested container on a key already holding
/// one returns that same container, as Foundation's encoder does.
struct TreeKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: TreeEncoder
    let object: EncodedObject
    let pathNode: JSONCodingPathNode

    var codingPath: [any CodingKey] { pathNode.path }

    mutating func encodeNil(forKey key: Key) throws { object.set(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.set(key.stringValue, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        object.set(key.stringValue, try .floatingPoint(value, at: pathNode.appending(key)))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        object.set(key.stringValue, try .floatingPoint(value, at: pathNode.appending(key)))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.set(key.stringValue, try encoder.encodeNested(value, at: pathNode.appending(key)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested: EncodedObject
        switch object.last(key.stringValue) {
        case let .object(existing)?: nested = existing
        case nil:
            nested = EncodedObject()
            object.set(key.stringValue, .object(nested))
        default:
            preconditionFailure(
                "Attempt to re-encode into nested KeyedEncodingContainer<\(Key.self)> for key \"\(key.stringValue)\" is invalid: non-keyed container already encoded for this key"
            )
        }
        return KeyedEncodingContainer(TreeKeyedEncodingContainer<NestedKey>(encoder: encoder, object: nested, pathNode: pathNode.appending(key)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested: EncodedArray
        switch object.last(key.stringValue) {
        case let .array(existing)?: nested = existing
        case nil:
            nested = EncodedArray()
            object.set(key.stringValue, .array(nested))
        default:
            preconditionFailure(
                "Attempt to re-encode into nested UnkeyedEncodingContainer for key \"\(key.stringValue)\" is invalid: keyed container/single value already encoded for this key"
            )
        }
        return TreeUnkeyedEncodingContainer(encoder: encoder, array: nested, pathNode: pathNode.appending(key))
    }

    mutating func superEncoder() -> any Encoder {
        TreeEncoder(at: pathNode.appending(JSONCodingKey.super), userInfo: encoder.userInfo, destination: .member(object, "super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(at: pathNode.appending(key), userInfo: encoder.userInfo, destination: .member(object, key.stringValue))
    }
}

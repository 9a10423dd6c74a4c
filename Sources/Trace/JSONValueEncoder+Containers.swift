/// The `Encoder` handed to `encode(to:)`: one per value, holding what that value encoded. An
/// encoder from `superEncoder()` also has a destination, and writes its value there when it
/// goes away, as Foundation's __JSONReferencingEncoder does in its deinit.
final class TreeEncoder: Encoder {
    enum Destination {
        case element(EncodedArray, Int)
        case member(EncodedObject, String)
    }

    let pathNode: JSONCodingPathNode
    let userInfo: [CodingUserInfoKey: Any]
    private(set) var storage: EncodedJSON?
    private let destination: Destination?

    var codingPath: [any CodingKey] { pathNode.path }

    init(at pathNode: JSONCodingPathNode, userInfo: [CodingUserInfoKey: Any], destination: Destination? = nil) {
        self.pathNode = pathNode
        self.userInfo = userInfo
        self.destination = destination
    }

    deinit {
        let value = storage ?? .object(EncodedObject())
        switch destination {
        case let .element(array, index)?: array.items.insert(value, at: index)
        case let .member(object, key)?: object.set(key, value)
        case nil: break
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: EncodedObject
        switch storage {
        case let .object(existing)?: object = existing
        case nil:
            object = EncodedObject()
            storage = .object(object)
        default: preconditionFailure("Attempt to push new keyed encoding container when already previously encoded at this path.")
        }
        return KeyedEncodingContainer(TreeKeyedEncodingContainer<Key>(encoder: self, object: object, pathNode: pathNode))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: EncodedArray
        switch storage {
        case let .array(existing)?: array = existing
        case nil:
            array = EncodedArray()
            storage = .array(array)
        default: preconditionFailure("Attempt to push new unkeyed encoding container when already previously encoded at this path.")
        }
        return TreeUnkeyedEncodingContainer(encoder: self, array: array, pathNode: pathNode)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    /// Encodes a nested value with an encoder of its own at `path`; nothing encoded is `{}`.
    /// The values documents are made of are written directly: through `encode(to:)` each
    /// would cost a conformance lookup, an encoder and a dynamic dispatch or two.
    func encodeNested<T: Encodable>(_ value: T, at makePath: @autoclosure () -> JSONCodingPathNode) throws -> EncodedJSON {
        if T.self == String.self { return .string(value as! String) }
        if T.self == Bool.self { return .bool(value as! Bool) }
        if T.self == Int.self { return .integer(value as! Int) }
        if T.self == Int64.self { return .integer(value as! Int64) }
        if T.self == UInt32.self { return .integer(value as! UInt32) }
        if T.self == UInt64.self { return .integer(value as! UInt64) }
        if T.self == [String].self {
            let array = EncodedArray()
            array.items = (value as! [String]).map(EncodedJSON.string)
            return .array(array)
        }
        let path = makePath()
        if T.self == JSONValueCodable.self { return try EncodedJSON((value as! JSONValueCodable).value, at: path) }
        let encoder = TreeEncoder(at: path, userInfo: userInfo)
        try value.encode(to: encoder)
        return encoder.storage ?? .object(EncodedObject())
    }
}

extension TreeEncoder: SingleValueEncodingContainer {
    private func store(_ value: EncodedJSON) {
        precondition(storage == nil, "Attempt to encode value through single value container when previously value already encoded.")
        storage = value
    }

    func encodeNil() throws { store(.null) }
    func encode(_ value: Bool) throws { store(.bool(value)) }
    func encode(_ value: String) throws { store(.string(value)) }
    func encode(_ value: Double) throws { store(try .floatingPoint(value, at: pathNode)) }
    func encode(_ value: Float) throws { store(try .floatingPoint(value, at: pathNode)) }
    func encode(_ value: Int) throws { store(.integer(value)) }
    func encode(_ value: Int8) throws { store(.integer(value)) }
    func encode(_ value: Int16) throws { store(.integer(value)) }
    func encode(_ value: Int32) throws { store(.integer(value)) }
    func encode(_ value: Int64) throws { store(.integer(value)) }
    func encode(_ value: UInt) throws { store(.integer(value)) }
    func encode(_ value: UInt8) throws { store(.integer(value)) }
    func encode(_ value: UInt16) throws { store(.integer(value)) }
    func encode(_ value: UInt32) throws { store(.integer(value)) }
    func encode(_ value: UInt64) throws { store(.integer(value)) }
    func encode<T: Encodable>(_ value: T) throws { store(try encodeNested(value, at: pathNode)) }
}

/// Elements of a JSON array, appended in order.
struct TreeUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: TreeEncoder
    let array: EncodedArray
    let pathNode: JSONCodingPathNode

    var codingPath: [any CodingKey] { pathNode.path }
    var count: Int { array.items.count }
    private var nextPath: JSONCodingPathNode { pathNode.appending(index: count) }

    mutating func encodeNil() throws { array.items.append(.null) }
    mutating func encode(_ value: Bool) throws { array.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { array.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws { array.items.append(try .floatingPoint(value, at: nextPath)) }
    mutating func encode(_ value: Float) throws { array.items.append(try .floatingPoint(value, at: nextPath)) }
    mutating func encode(_ value: Int) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: Int8) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: Int16) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: Int32) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: Int64) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt8) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt16) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt32) throws { array.items.append(.integer(value)) }
    mutating func encode(_ value: UInt64) throws { array.items.append(.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try encoder.encodeNested(value, at: nextPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = EncodedObject()
        let path = nextPath
        array.items.append(.object(nested))
        return KeyedEncodingContainer(TreeKeyedEncodingContainer<NestedKey>(encoder: encoder, object: nested, pathNode: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = EncodedArray()
        let path = nextPath
        array.items.append(.array(nested))
        return TreeUnkeyedEncodingContainer(encoder: encoder, array: nested, pathNode: path)
    }

    /// An encoder whose value is inserted at the current index when it goes away.
    mutating func superEncoder() -> any Encoder {
        TreeEncoder(at: nextPath, userInfo: encoder.userInfo, destination: .element(array, count))
    }
}

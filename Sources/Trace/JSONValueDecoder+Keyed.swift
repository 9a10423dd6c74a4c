/// A JSON object read by key. Members are found by a linear scan while the object is small and
/// through an index built once per container when it is larger, so decoding an object is linear
/// in its member count. A duplicate key keeps its first value, as Foundation's decoder does.
struct TreeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    typealias Tree = ScannedJSON
    let decoder: TreeDecoder
    let pathNode: JSONCodingPathNode
    let members: [(String, Tree)]
    private let index: [String: Int]?

    /// Up to this many members a scan is cheaper than hashing every key.
    static var scanLimit: Int { 8 }

    init(decoder: TreeDecoder, pathNode: JSONCodingPathNode, members: [(String, Tree)]) {
        self.decoder = decoder
        self.pathNode = pathNode
        self.members = members
        if members.count > Self.scanLimit {
            var index: [String: Int] = [:]
            index.reserveCapacity(members.count)
            for (position, member) in members.enumerated() where index[member.0] == nil {
                index[member.0] = position
            }
            self.index = index
        } else {
            self.index = nil
        }
    }

    var codingPath: [any CodingKey] { pathNode.path }

    var allKeys: [Key] {
        var seen = Set<String>()
        return members.compactMap { name, _ in seen.insert(name).inserted ? Key(stringValue: name) : nil }
    }

    func contains(_ key: Key) -> Bool { member(key.stringValue) != nil }

    private func member(_ name: String) -> Tree? {
        if let index { return index[name].map { members[$0].1 } }
        return members.first(where: { $0.0 == name })?.1
    }

    private func value(for key: some CodingKey) throws -> Tree {
        guard let value = member(key.stringValue) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."
            ))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(for: key).isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try decoder.unwrapBool(value(for: key), at: pathNode.appending(key))
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try decoder.unwrapString(value(for: key), at: pathNode.appending(key))
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try floatingPoint(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try floatingPoint(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.unwrap(value(for: key), as: type, at: pathNode.appending(key))
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = member(key.stringValue), !value.isNull else { return nil }
        return try decoder.unwrapString(value, at: pathNode.appending(key))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = member(key.stringValue), !value.isNull else { return nil }
        return try decoder.unwrap(value, as: type, at: pathNode.appending(key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try TreeDecoder(value(for: key), at: pathNode.appending(key), userInfo: decoder.userInfo).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try TreeDecoder(value(for: key), at: pathNode.appending(key), userInfo: decoder.userInfo).unkeyedContainer()
    }

    /// The decoder for the "super" member; a missing member reads as null, as in Foundation.
    func superDecoder() throws -> any Decoder { superDecoder(JSONCodingKey.super) }

    func superDecoder(forKey key: Key) throws -> any Decoder { superDecoder(key) }

    private func superDecoder(_ key: some CodingKey) -> any Decoder {
        TreeDecoder(member(key.stringValue) ?? Tree.null, at: pathNode.appending(key), userInfo: decoder.userInfo)
    }

    private func integer<T: FixedWidthInteger>(_ type: T.Type, _ key: Key) throws -> T {
        try decoder.unwrapInteger(value(for: key), as: type, at: pathNode.appending(key))
    }

    private func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: T.Type, _ key: Key) throws -> T {
        try decoder.unwrapFloatingPoint(value(for: key), as: type, at: pathNode.appending(key))
    }
}

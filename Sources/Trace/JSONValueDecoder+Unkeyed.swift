/// A JSON array read in order. At the end, every read is `valueNotFound` at the next index,
/// with Foundation's words; `decodeIfPresent` past the end is nil and still moves on, as
/// Foundation's does.
struct TreeUnkeyedContainer: UnkeyedDecodingContainer {
    typealias Tree = ScannedJSON
    let decoder: TreeDecoder
    let pathNode: JSONCodingPathNode
    let elements: [Tree]
    private(set) var currentIndex = 0

    init(decoder: TreeDecoder, pathNode: JSONCodingPathNode, elements: [Tree]) {
        self.decoder = decoder
        self.pathNode = pathNode
        self.elements = elements
    }

    var codingPath: [any CodingKey] { pathNode.path }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }
    private var elementPath: JSONCodingPathNode { pathNode.appending(index: currentIndex) }

    private func peek(_ type: Any.Type, atEnd message: String = "Unkeyed container is at end.") throws -> Tree {
        guard currentIndex < elements.count else {
            throw DecodingError.valueNotFound(type, DecodingError.Context(codingPath: elementPath.path, debugDescription: message))
        }
        return elements[currentIndex]
    }

    /// Reads the next element with `read`, then moves past it.
    private mutating func next<T>(_ type: T.Type, _ read: (TreeDecoder, Tree, JSONCodingPathNode) throws -> T) throws -> T {
        let result = try read(decoder, peek(type), elementPath)
        currentIndex += 1
        return result
    }

    /// Reads the next element unless it is null or missing; moves past it either way.
    private mutating func nextIfPresent<T>(_ read: (TreeDecoder, Tree, JSONCodingPathNode) throws -> T) throws -> T? {
        let value = currentIndex < elements.count ? elements[currentIndex] : Tree.null
        let result = value.isNull ? nil : try read(decoder, value, elementPath)
        currentIndex += 1
        return result
    }

    mutating func decodeNil() throws -> Bool {
        guard try peek(Never.self).isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type, { try $0.unwrapBool($1, at: $2) }) }
    mutating func decode(_ type: String.Type) throws -> String { try next(type, { try $0.unwrapString($1, at: $2) }) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type) { try $0.unwrapFloatingPoint($1, as: type, at: $2) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type) { try $0.unwrapFloatingPoint($1, as: type, at: $2) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type) { try $0.unwrap($1, as: type, at: $2) } }

    mutating func decodeIfPresent(_ type: Bool.Type) throws -> Bool? { try nextIfPresent({ try $0.unwrapBool($1, at: $2) }) }
    mutating func decodeIfPresent(_ type: String.Type) throws -> String? { try nextIfPresent({ try $0.unwrapString($1, at: $2) }) }
    mutating func decodeIfPresent(_ type: Double.Type) throws -> Double? { try floatingPointIfPresent(type) }
    mutating func decodeIfPresent(_ type: Float.Type) throws -> Float? { try floatingPointIfPresent(type) }
    mutating func decodeIfPresent(_ type: Int.Type) throws -> Int? { try integerIfPresent(type) }
    mutating func decodeIfPresent(_ type: Int8.Type) throws -> Int8? { try integerIfPresent(type) }
    mutating func decodeIfPresent(_ type: Int16.Type) throws -> Int16? { try integerIfPresent(type) }
    mutating func decodeIfPresent(_ type: Int32.Type) throws -> Int32? { try integerIfPresent(type) }
    mutating func decodeIfPresent(_ type: Int64.Type) throws -> Int64? { try integerIfPresent(type) }
    mutating func decodeIfPresent(_ type: UInt.Type) throws -> UInt? { try integerIfPresent(type) }
    mutating func decodeIfPresent(_ type: UInt8.Type) throws -> UInt8? { try integerIfPresent(type) }
    mutating func decodeIfPresent(_ type: UInt16.Type) throws -> UInt16? { try integerIfPresent(type) }
    mutating func decodeIfPresent(_ type: UInt32.Type) throws -> UInt32? { try integerIfPresent(type) }
    mutating func decodeIfPresent(_ type: UInt64.Type) throws -> UInt64? { try integerIfPresent(type) }
    mutating func decodeIfPresent<T: Decodable>(_ type: T.Type) throws -> T? {
        try nextIfPresent { try $0.unwrap($1, as: type, at: $2) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next(KeyedDecodingContainer<NestedKey>.self) {
            try TreeDecoder($1, at: $2, userInfo: $0.userInfo).container(keyedBy: type)
        }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next((any UnkeyedDecodingContainer).self) {
            try TreeDecoder($1, at: $2, userInfo: $0.userInfo).unkeyedContainer()
        }
    }

    mutating func superDecoder() throws -> any Decoder {
        let value = try peek((any Decoder).self, atEnd: "Cannot get superDecoder() -- unkeyed container is at end.")
        let superDecoder = TreeDecoder(value, at: elementPath, userInfo: decoder.userInfo)
        currentIndex += 1
        return superDecoder
    }

    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        try next(type) { try $0.unwrapInteger($1, as: type, at: $2) }
    }

    private mutating func integerIfPresent<T: FixedWidthInteger>(_ type: T.Type) throws -> T? {
        try nextIfPresent { try $0.unwrapInteger($1, as: type, at: $2) }
    }

    private mutating func floatingPointIfPresent<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: T.Type) throws -> T? {
        try nextIfPresent { try $0.unwrapFloatingPoint($1, as: type, at: $2) }
    }
}

/// Decodes any `Decodable` value from JSON bytes or from a `JSONValue`, without Foundation, the
/// way Foundation's JSONDecoder (default strategies) does: the same values accepted, and the
/// same `DecodingError` case, type and coding path for everything refused, so that messages
/// built from those errors read the same.
///
/// As Foundation's JSONDecoder does: a Bool only from true/false (null included: a type
/// mismatch); an integer from a number that is one exactly; a fraction or an out-of-range
/// number is `dataCorrupted` with an empty path ("The given data was not valid JSON."); a missing
/// key is `keyNotFound` at the container's path; null where a value is needed is `valueNotFound`;
/// a duplicate key keeps its first value.
public struct JSONValueDecoder {
    /// Handed to every `init(from:)` as `decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: Any] = [:]

    public init() {}

    /// Decodes `type` from a complete JSON text. Invalid JSON is `DecodingError.dataCorrupted`
    /// whose underlying error is a `JSONParser.SyntaxError` naming the byte offset.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let tree: ScannedJSON
        do {
            tree = try JSONParser.parse(bytes, as: ScannedJSON.self)
        } catch let error as JSONParser.SyntaxError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: "The given data was not valid JSON.", underlyingError: error)
            )
        }
        return try TreeDecoder(tree, userInfo: userInfo).unwrap(tree, as: type, at: .root)
    }

    /// Decodes `type` from a value already parsed, reading it in place.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        let tree = ScannedJSON(value)
        return try TreeDecoder(tree, userInfo: userInfo).unwrap(tree, as: type, at: .root)
    }
}

/// The `Decoder` handed to `init(from:)`. Like Foundation's JSONDecoderImpl, one instance walks
/// the whole tree: decoding a nested value swaps in that value and its path for the duration
/// of its `init(from:)`, instead of making a decoder per value.
final class TreeDecoder: Decoder {
    typealias Tree = ScannedJSON

    private(set) var value: Tree
    private(set) var pathNode: JSONCodingPathNode
    let userInfo: [CodingUserInfoKey: Any]

    var codingPath: [any CodingKey] { pathNode.path }

    init(_ value: Tree, at pathNode: JSONCodingPathNode = .root, userInfo: [CodingUserInfoKey: Any]) {
        self.value = value
        self.pathNode = pathNode
        self.userInfo = userInfo
    }

    func unwrap<T: Decodable>(_ value: Tree, as type: T.Type, at path: JSONCodingPathNode) throws -> T {
        // The values documents are made of, read directly: through `T(from:)` each would cost a
        // conformance lookup, a container and a dynamic dispatch or two.
        if T.self == String.self { return try unwrapString(value, at: path) as! T }
        if T.self == Bool.self { return try unwrapBool(value, at: path) as! T }
        if T.self == Int.self { return try unwrapInteger(value, as: Int.self, at: path) as! T }
        if T.self == Int64.self { return try unwrapInteger(value, as: Int64.self, at: path) as! T }
        if T.self == UInt32.self { return try unwrapInteger(value, as: UInt32.self, at: path) as! T }
        if T.self == UInt64.self { return try unwrapInteger(value, as: UInt64.self, at: path) as! T }
        if T.self == [String].self { return try unwrapStrings(value, at: path) as! T }
        if T.self == JSONValueCodable.self { return JSONValueCodable(jsonValue: value.jsonValue) as! T }
        let (savedValue, savedPath) = (self.value, pathNode)
        self.value = value
        pathNode = path
        defer { (self.value, pathNode) = (savedValue, savedPath) }
        return try T(from: self)
    }

    /// A `[String]` (arguments, environment, capabilities, mount options), read as
    /// `Array.init(from:)` reads it, with the same errors, without its generic metadata lookups.
    private func unwrapStrings(_ value: Tree, at path: JSONCodingPathNode) throws -> [String] {
        let (savedValue, savedPath) = (self.value, pathNode)
        self.value = value
        pathNode = path
        defer { (self.value, pathNode) = (savedValue, savedPath) }
        guard let elements = value.elementsPayload else {
            throw mismatch([Any].self, "unkeyed decoding container")
        }
        var container = TreeUnkeyedContainer(decoder: self, pathNode: path, elements: elements)
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        while !container.isAtEnd { strings.append(try container.decode(String.self)) }
        return strings
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let members = value.membersPayload else {
            throw mismatch([String: Any].self, "keyed decoding container")
        }
        return KeyedDecodingContainer(TreeKeyedContainer<Key>(decoder: self, pathNode: pathNode, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let elements = value.elementsPayload else {
            throw mismatch([Any].self, "unkeyed decoding container")
        }
        return TreeUnkeyedContainer(decoder: self, pathNode: pathNode, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    private func mismatch(_ type: Any.Type, _ container: String) -> DecodingError {
        if value.isNull {
            return .valueNotFound(type, DecodingError.Context(
                codingPath: codingPath, debugDescription: "Cannot get \(container) -- found null value instead"
            ))
        }
        return Self.typeMismatch(type, value, at: codingPath)
    }
}

extension TreeDecoder {
    static func typeMismatch(_ type: Any.Type, _ value: Tree, at path: [any CodingKey]) -> DecodingError {
        .typeMismatch(type, DecodingError.Context(
            codingPath: path, debugDescription: "Expected to decode \(type) but found \(value.kindDescription) instead."
        ))
    }

    /// Foundation reports a number a field cannot hold as invalid JSON, at the top.
    static func unrepresentable(_ value: Tree) -> DecodingError {
        .dataCorrupted(DecodingError.Context(
            codingPath: [], debugDescription: "The given data was not valid JSON.",
            underlyingError: UnrepresentableNumber(text: value.numberText)
        ))
    }

    func checkNotNull(_ value: Tree, _ type: Any.Type, at path: JSONCodingPathNode) throws {
        if value.isNull {
            throw DecodingError.valueNotFound(type, DecodingError.Context(
                codingPath: path.path, debugDescription: "Cannot get value of type \(type) -- found null value instead"
            ))
        }
    }

    func unwrapBool(_ value: Tree, at path: JSONCodingPathNode) throws -> Bool {
        guard let bool = value.boolPayload else { throw Self.typeMismatch(Bool.self, value, at: path.path) }
        return bool
    }

    func unwrapString(_ value: Tree, at path: JSONCodingPathNode) throws -> String {
        try checkNotNull(value, String.self, at: path)
        guard let string = value.stringPayload else { throw Self.typeMismatch(String.self, value, at: path.path) }
        return string
    }

    func unwrapInteger<T: FixedWidthInteger>(_ value: Tree, as type: T.Type, at path: JSONCodingPathNode) throws -> T {
        try checkNotNull(value, type, at: path)
        guard value.isNumber else { throw Self.typeMismatch(type, value, at: path.path) }
        guard let integer = value.integer(type) else { throw Self.unrepresentable(value) }
        return integer
    }

    func unwrapFloatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(
        _ value: Tree, as type: T.Type, at path: JSONCodingPathNode
    ) throws -> T {
        try checkNotNull(value, type, at: path)
        guard value.isNumber else { throw Self.typeMismatch(type, value, at: path.path) }
        guard let number = value.floatingPoint(type) else { throw Self.unrepresentable(value) }
        return number
    }
}

/// The underlying error of a number a field cannot hold, in Foundation's words.
struct UnrepresentableNumber: Error, CustomStringConvertible {
    let text: String
    var description: String { "Number \(text) is not representable in Swift." }
}

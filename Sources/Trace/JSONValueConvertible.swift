/// A type that is a JSON document itself, such as an OCI spec carried whole inside a containerd
/// message. The codec hands it the parsed tree in one piece, and writes its tree as it is,
/// instead of walking it value by value through Codable containers (which, for a document of
/// unknown shape, means trying each kind of value in turn and building an error for each miss).
public protocol JSONValueConvertible {
    /// The value read from `jsonValue`, the parsed tree at this point of the document.
    init(jsonValue: JSONValue) throws
    /// The tree to write for this value.
    var jsonValue: JSONValue { get }
}

extension EncodedJSON {
    /// `value` as the encoder would have built it through a single-value container.
    init(_ value: JSONValue, at path: JSONCodingPathNode) throws {
        switch value {
        case .null: self = .null
        case let .bool(bool): self = .bool(bool)
        case let .int(int): self = .int(int)
        case let .double(double): self = try .floatingPoint(double, at: path)
        case let .string(string): self = .string(string)
        case let .array(items):
            let array = EncodedArray()
            array.items = try items.enumerated().map { try EncodedJSON($1, at: path.appending(index: $0)) }
            self = .array(array)
        case let .object(members):
            let object = EncodedObject()
            for (key, member) in members { object.set(key, try EncodedJSON(member, at: path.appending(JSONCodingKey(stringValue: key)))) }
            self = .object(object)
        }
    }
}

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
        if Self.isWrittenAsIs(value) {
            self = .tree(value)
            return
        }
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

extension EncodedJSON {
    /// Whether a tree is written, and read back, exactly as building it value by value would
    /// make it: every object's keys strictly in UTF-8 order (so sorted, each once), every
    /// Double finite and with a fraction (a whole one would become an integer). A document
    /// carried whole, such as an OCI spec that was decoded into a `JSONValueCodable`, already
    /// is, and is then written in one pass instead of copied node by node.
    static func isWrittenAsIs(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool, .int, .string: return true
        case let .double(number): return number.isFinite && number.rounded(.towardZero) != number
        case let .array(items): return items.allSatisfy(isWrittenAsIs)
        case let .object(members):
            for index in members.indices {
                if index > 0, !members[index - 1].0.utf8.lexicographicallyPrecedes(members[index].0.utf8) { return false }
                if !isWrittenAsIs(members[index].1) { return false }
            }
            return true
        }
    }
}

/// A JSON document carried whole inside a Codable message (an OCI spec inside a containerd
/// record), kept as the tree it is.
///
/// The codec hands it the parsed tree in one piece, and writes its tree as it is, instead of
/// walking it value by value through Codable containers (which, for a document of unknown
/// shape, means trying each kind of value in turn and building an error for each miss). The
/// codec recognises it by its type, a comparison of two metadata pointers: a cast to a protocol
/// would cost a conformance lookup for every type it meets, and the first lookup of each
/// scans every conformance record of the executable (see Package.swift, `directMetadata`).
public struct JSONValueCodable: Codable, Sendable {
    public var value: JSONValue
    public init(_ value: JSONValue) { self.value = value }

    public init(from decoder: Decoder) throws {
        value = try JSONValueCodable.decodeValue(from: decoder)
    }

    static func decodeValue(from decoder: Decoder) throws -> JSONValue {
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValueCodable.self).value) }
            return .array(items)
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            return .object(try object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }).map {
                ($0.stringValue, try object.decode(JSONValueCodable.self, forKey: $0).value)
            })
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { return .null }
        if let bool = try? single.decode(Bool.self) { return .bool(bool) }
        if let int = try? single.decode(Int64.self) { return .int(int) }
        if let double = try? single.decode(Double.self) { return .double(double) }
        return .string(try single.decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        switch value {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case let .bool(b):
            var single = encoder.singleValueContainer()
            try single.encode(b)
        case let .int(i):
            var single = encoder.singleValueContainer()
            try single.encode(i)
        case let .double(d):
            var single = encoder.singleValueContainer()
            try single.encode(d)
        case let .string(s):
            var single = encoder.singleValueContainer()
            try single.encode(s)
        case let .array(items):
            var array = encoder.unkeyedContainer()
            for item in items { try array.encode(JSONValueCodable(item)) }
        case let .object(members):
            var object = encoder.container(keyedBy: AnyKey.self)
            for (key, item) in members { try object.encode(JSONValueCodable(item), forKey: AnyKey(key)) }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }
}


/// A document carried whole (an OCI spec inside a containerd message) crosses the codec as a
/// tree: the decoder hands over the parsed value instead of rebuilding it through
/// `decodeValue(from:)` value by value, with the same result — members sorted by key and each
/// key once (its first value), null for a non-finite number, whole numbers that fit an Int64 as
/// integers.
extension JSONValueCodable {
    public init(jsonValue: JSONValue) {
        self.init(Self.isNormal(jsonValue) ? jsonValue : Self.normalized(jsonValue))
    }

    /// Whether a tree is already what `normalized` makes of it (a document this codec wrote
    /// is), so that it is kept as it is rather than copied.
    private static func isNormal(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool, .int, .string: return true
        case let .double(number): return number.isFinite && Int64(exactly: number) == nil
        case let .array(items): return items.allSatisfy(isNormal)
        case let .object(members):
            for index in members.indices {
                if index > 0, !(members[index - 1].0 < members[index].0) { return false }
                if !isNormal(members[index].1) { return false }
            }
            return true
        }
    }

    public var jsonValue: JSONValue { value }

    private static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .array(items): return .array(items.map(normalized))
        case let .object(members):
            // A document written by this codec is sorted already: then there is nothing to
            // sort and no key can repeat.
            let isSorted = members.indices.dropFirst().allSatisfy { members[$0 - 1].0 < members[$0].0 }
            if isSorted { return .object(members.map { ($0.0, normalized($0.1)) }) }
            var seen = Set<String>()
            let unique = members.filter { seen.insert($0.0).inserted }
            return .object(unique.sorted(by: { $0.0 < $1.0 }).map { ($0.0, normalized($0.1)) })
        case let .double(number):
            if let integer = try? JSONValueDecoder().decode(Int64.self, from: value) { return .int(integer) }
            return number.isFinite ? value : .null
        case .null, .bool, .int, .string: return value
        }
    }
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

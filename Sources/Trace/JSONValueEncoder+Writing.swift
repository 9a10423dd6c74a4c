/// Writes an encoded tree as compact JSON, escaping strings as swift-foundation's JSONWriter
/// does with `.withoutEscapingSlashes`: `"` and `\` escaped, \b \f \n \r \t by name, any other
/// control character as \u00XX in lower-case hex, and everything else (DEL, non-ASCII) as is.
struct EncodedJSONWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: EncodedJSON) {
        switch value {
        case .null: append("null")
        case let .bool(bool): append(bool ? "true" : "false")
        case let .int(int): bytes.append(contentsOf: String(int).utf8)
        case let .number(text): bytes.append(contentsOf: text.utf8)
        case let .string(string): writeString(string)
        case let .array(array):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in array.items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case let .object(object):
            bytes.append(UInt8(ascii: "{"))
            for (index, (key, member)) in object.sortedMembers.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                write(member)
            }
            bytes.append(UInt8(ascii: "}"))
        case let .tree(tree): write(tree)
        }
    }

    /// A tree `EncodedJSON.isWrittenAsIs` accepted.
    private mutating func write(_ tree: JSONValue) {
        switch tree {
        case .null: append("null")
        case let .bool(bool): append(bool ? "true" : "false")
        case let .int(int): bytes.append(contentsOf: String(int).utf8)
        case let .double(double): bytes.append(contentsOf: EncodedJSON.floatingPointText(double).utf8)
        case let .string(string): writeString(string)
        case let .array(items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case let .object(members):
            bytes.append(UInt8(ascii: "{"))
            for (index, (key, member)) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                write(member)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func writeString(_ string: String) {
        JSONStringEscaping.foundation.append(string, to: &bytes)
    }
}

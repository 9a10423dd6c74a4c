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
        }
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case UInt8(ascii: "\n"): append("\\n")
            case UInt8(ascii: "\r"): append("\\r")
            case UInt8(ascii: "\t"): append("\\t")
            case 0x00..<0x20:
                append("\\u00")
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0x0F))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

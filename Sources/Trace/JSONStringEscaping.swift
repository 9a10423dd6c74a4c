/// How a JSON string literal is written into bytes, for the two writers in this module: the
/// trace's own (`JSONValue.write`: `"`, `\`, \n \r \t by name, every other control character
/// and DEL as \u00xx) and Foundation's, which `JSONValueEncoder` matches (\b and \f by name
/// too, DEL as is). A run of bytes that needs no escape is copied in one piece: most strings
/// have none, and appending byte by byte was the larger part of writing a document.
enum JSONStringEscaping {
    case trace
    case foundation

    func append(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || (byte == 0x7F && self == .trace) else {
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscape(of: byte, to: &out)
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private func appendEscape(of byte: UInt8, to out: inout [UInt8]) {
        let named: UInt8?
        switch byte {
        case UInt8(ascii: "\""): named = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): named = UInt8(ascii: "\\")
        case UInt8(ascii: "\n"): named = UInt8(ascii: "n")
        case UInt8(ascii: "\r"): named = UInt8(ascii: "r")
        case UInt8(ascii: "\t"): named = UInt8(ascii: "t")
        case 0x08 where self == .foundation: named = UInt8(ascii: "b")
        case 0x0C where self == .foundation: named = UInt8(ascii: "f")
        default: named = nil
        }
        if let named {
            out.append(UInt8(ascii: "\\"))
            out.append(named)
            return
        }
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
        out.append(Self.hexDigit(byte >> 4))
        out.append(Self.hexDigit(byte & 0x0F))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// Text of a trace with what differs between two runs of one journey replaced by placeholders:
/// sha256 digests (`sha256:<digest>`), 64-hex container and layer ids and their 12-hex short
/// forms (`<id>`), 32-hex trace ids (`<trace>`). As in `OperationLabel`, a run counts only when
/// it stands alone (no letter or digit on either side).
enum DiffNormal {
    static func text(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        var changed = false
        while index < bytes.count {
            guard isHex(bytes[index]), index == 0 || !isWord(bytes[index - 1]) else {
                out.append(bytes[index])
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isHex(bytes[end]) { end += 1 }
            let standsAlone = end == bytes.count || !isWord(bytes[end])
            let placeholder: String?
            switch end - index {
            case 64 where standsAlone: placeholder = out.suffix(7) == Array("sha256:".utf8) ? "<digest>" : "<id>"
            case 32 where standsAlone: placeholder = "<trace>"
            case 12 where standsAlone: placeholder = "<id>"
            default: placeholder = nil
            }
            if let placeholder {
                out.append(contentsOf: placeholder.utf8)
                changed = true
            } else {
                out.append(contentsOf: bytes[index..<end])
            }
            index = end
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func isWord(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}

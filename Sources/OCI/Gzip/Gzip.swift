/// gzip (RFC 1952): the wrapper around deflate that `…layer.v1.tar+gzip` blobs use.
/// `decompress` reads every member of a multi-member file (as Go's `gzip.Reader` does by
/// default) and checks each trailer's CRC-32 and size; `compress` writes one member.
public enum Gzip {
    static let magic: [UInt8] = [0x1f, 0x8b]

    /// Whether `bytes` start like a gzip member (how containerd's `compression.DetectCompression`
    /// tells a gzip layer from a plain tar).
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == magic[0] && bytes[1] == magic[1]
    }

    public static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        repeat {
            let start = try headerEnd(bytes, at: offset)
            let (member, end) = try Inflate.decompress(bytes, from: start)
            guard end + 8 <= bytes.count else { throw OCIError.invalidCompressedData("unexpected EOF in trailer") }
            let crc = littleEndian32(bytes, end)
            let size = littleEndian32(bytes, end + 4)
            guard crc == CRC32.checksum(member) else { throw OCIError.invalidCompressedData("invalid checksum") }
            guard size == UInt32(truncatingIfNeeded: member.count) else {
                throw OCIError.invalidCompressedData("invalid size in trailer")
            }
            output += member
            offset = end + 8
        } while offset < bytes.count
        return output
    }

    /// One gzip member, deflated by `Deflate.compress`, with mtime 0 and OS "unknown" (255) in
    /// the header, as Go's `gzip.Writer` fills it, so the output is deterministic.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = magic + [8, 0, 0, 0, 0, 0, 0, 255]
        out += Deflate.compress(bytes)
        let crc = CRC32.checksum(bytes)
        let size = UInt32(truncatingIfNeeded: bytes.count)
        for value in [crc, size] {
            out += [UInt8(value & 0xff), UInt8((value >> 8) & 0xff), UInt8((value >> 16) & 0xff), UInt8(value >> 24)]
        }
        return out
    }

    /// The offset where the deflate data of the member at `offset` begins (after FEXTRA,
    /// FNAME, FCOMMENT and FHCRC when their flags are set).
    static func headerEnd(_ bytes: [UInt8], at offset: Int) throws -> Int {
        guard bytes.count - offset >= 10, bytes[offset] == magic[0], bytes[offset + 1] == magic[1] else {
            throw OCIError.invalidCompressedData("invalid header")
        }
        guard bytes[offset + 2] == 8 else { throw OCIError.invalidCompressedData("unsupported compression method") }
        let flags = bytes[offset + 3]
        guard flags & 0xe0 == 0 else { throw OCIError.invalidCompressedData("reserved header flags set") }
        var index = offset + 10
        if flags & 0x04 != 0 {
            guard index + 2 <= bytes.count else { throw OCIError.invalidCompressedData("unexpected EOF in header") }
            index += 2 + (Int(bytes[index]) | Int(bytes[index + 1]) << 8)
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {
            guard let nul = bytes[min(index, bytes.count)...].firstIndex(of: 0) else {
                throw OCIError.invalidCompressedData("unexpected EOF in header")
            }
            index = nul + 1
        }
        if flags & 0x02 != 0 { index += 2 }
        guard index <= bytes.count else { throw OCIError.invalidCompressedData("unexpected EOF in header") }
        return index
    }

    static func littleEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}

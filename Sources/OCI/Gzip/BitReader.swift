/// Reads deflate's bit stream: bits packed from each byte's least significant bit, a 64-bit
/// buffer refilled a byte at a time.
struct BitReader {
    private let bytes: [UInt8]
    private var position: Int
    private var buffer: UInt64 = 0
    private var count = 0

    init(_ bytes: [UInt8], offset: Int) {
        self.bytes = bytes
        self.position = offset
    }

    /// The offset of the first byte not yet consumed, once aligned.
    var alignedOffset: Int { position - count / 8 }

    private mutating func refill() {
        while count <= 56 && position < bytes.count {
            buffer |= UInt64(bytes[position]) << UInt64(count)
            position += 1
            count += 8
        }
    }

    /// The next `n` bits (n ≤ 32) as a number.
    mutating func bits(_ n: Int) throws -> UInt32 {
        if n == 0 { return 0 }
        if count < n { refill() }
        guard count >= n else { throw OCIError.invalidCompressedData("unexpected EOF") }
        let value = UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(n)) - 1))
        buffer >>= UInt64(n)
        count -= n
        return value
    }

    /// Drops the bits left in the current byte (before a stored block).
    mutating func alignToByte() {
        let drop = count % 8
        buffer >>= UInt64(drop)
        count -= drop
    }

    /// `n` whole bytes, after `alignToByte`.
    mutating func bytes(_ n: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(n)
        while count >= 8 && out.count < n {
            out.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
        let rest = n - out.count
        guard rest <= bytes.count - position else { throw OCIError.invalidCompressedData("unexpected EOF in stored block") }
        out += bytes[position..<position + rest]
        position += rest
        return out
    }

    /// One symbol of `code`.
    mutating func decode(_ code: Huffman) throws -> Int {
        if count < code.maxLength { refill() }
        let index = Int(truncatingIfNeeded: buffer & ((1 << UInt64(code.maxLength)) - 1))
        let entry = code.table[index]
        let length = Int(entry & 0xf)
        guard length > 0 else { throw OCIError.invalidCompressedData("invalid Huffman code") }
        guard length <= count else { throw OCIError.invalidCompressedData("unexpected EOF") }
        buffer >>= UInt64(length)
        count -= length
        return Int(entry >> 4)
    }
}

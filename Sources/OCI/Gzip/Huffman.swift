/// A canonical Huffman code (RFC 1951 §3.2.2) as a lookup table indexed by the next
/// `maxLength` input bits, least significant first as deflate packs them; each slot holds the
/// symbol and its code length (0 marks a bit pattern no code starts with).
struct Huffman {
    let table: [UInt32]
    let maxLength: Int

    /// Builds the code from each symbol's code length (0: unused). An over-subscribed set of
    /// lengths is invalid; an incomplete one is allowed (zlib allows it for a lone distance
    /// code) and its unused patterns decode as errors.
    init(lengths: [UInt8]) throws {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        var left = 1
        for length in 1...15 {
            left = left * 2 - counts[length]
            guard left >= 0 else { throw OCIError.invalidCompressedData("over-subscribed Huffman code") }
        }
        let maxLength = max(1, lengths.max().map(Int.init) ?? 1)
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            nextCode[length] = code
        }
        var table = [UInt32](repeating: 0, count: 1 << maxLength)
        for (symbol, rawLength) in lengths.enumerated() where rawLength > 0 {
            let length = Int(rawLength)
            let canonical = nextCode[length]
            nextCode[length] += 1
            var reversed = 0
            for bit in 0..<length where canonical & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
            let entry = UInt32(symbol) << 4 | UInt32(length)
            for index in stride(from: reversed, to: 1 << maxLength, by: 1 << length) { table[index] = entry }
        }
        self.table = table
        self.maxLength = maxLength
    }

    /// RFC 1951 §3.2.6's fixed literal/length code.
    static let fixedLiteral: Huffman = {
        let lengths = [UInt8](repeating: 8, count: 144) + [UInt8](repeating: 9, count: 112)
            + [UInt8](repeating: 7, count: 24) + [UInt8](repeating: 8, count: 8)
        do { return try Huffman(lengths: lengths) } catch { preconditionFailure("the fixed code is valid") }
    }()

    /// RFC 1951 §3.2.6's fixed distance code.
    static let fixedDistance: Huffman = {
        do { return try Huffman(lengths: [UInt8](repeating: 5, count: 30)) } catch {
            preconditionFailure("the fixed code is valid")
        }
    }()
}

/// A DEFLATE decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks, as zlib's
/// `inflate` and Go's `compress/flate` read them. Every malformed stream is an error: a bad
/// block type, a stored length whose complement does not match, an invalid code, a distance
/// reaching before the start of the output, or input that ends early.
public enum Inflate {
    /// Decodes the raw deflate stream at the start of `bytes`.
    public static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        try decompress(bytes, from: 0).output
    }

    /// Decodes the deflate stream starting at `offset`; also returns the offset of the first
    /// byte after it (where a gzip trailer begins).
    public static func decompress(_ bytes: [UInt8], from offset: Int) throws -> (output: [UInt8], end: Int) {
        var input = BitReader(bytes, offset: offset)
        var output: [UInt8] = []
        output.reserveCapacity(max(1024, (bytes.count - offset) * 3))
        var isFinal = false
        while !isFinal {
            isFinal = try input.bits(1) == 1
            switch try input.bits(2) {
            case 0: try copyStored(&input, &output)
            case 1: try inflateBlock(&input, &output, literal: Huffman.fixedLiteral, distance: Huffman.fixedDistance)
            case 2:
                let (literal, distance) = try readDynamicCodes(&input)
                try inflateBlock(&input, &output, literal: literal, distance: distance)
            default: throw OCIError.invalidCompressedData("invalid deflate block type 3")
            }
        }
        return (output, input.alignedOffset)
    }

    static func copyStored(_ input: inout BitReader, _ output: inout [UInt8]) throws {
        input.alignToByte()
        let length = try input.bits(16)
        let complement = try input.bits(16)
        guard length == ~complement & 0xffff else {
            throw OCIError.invalidCompressedData("stored block length does not match its complement")
        }
        output += try input.bytes(Int(length))
    }

    /// The order code-length code lengths arrive in (RFC 1951 §3.2.7).
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    static func readDynamicCodes(_ input: inout BitReader) throws -> (Huffman, Huffman) {
        let literalCount = Int(try input.bits(5)) + 257
        let distanceCount = Int(try input.bits(5)) + 1
        let codeLengthCount = Int(try input.bits(4)) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw OCIError.invalidCompressedData("too many length or distance codes")
        }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengthLengths[codeLengthOrder[index]] = UInt8(try input.bits(3)) }
        let codeLengthCode = try Huffman(lengths: codeLengthLengths)
        var lengths: [UInt8] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try input.decode(codeLengthCode)
            switch symbol {
            case 0...15: lengths.append(UInt8(symbol))
            case 16:
                guard let previous = lengths.last else {
                    throw OCIError.invalidCompressedData("repeat of a code length with none before it")
                }
                lengths += [UInt8](repeating: previous, count: 3 + Int(try input.bits(2)))
            case 17: lengths += [UInt8](repeating: 0, count: 3 + Int(try input.bits(3)))
            default: lengths += [UInt8](repeating: 0, count: 11 + Int(try input.bits(7)))
            }
        }
        guard lengths.count == literalCount + distanceCount else {
            throw OCIError.invalidCompressedData("code lengths overflow the declared counts")
        }
        guard lengths[256] != 0 else { throw OCIError.invalidCompressedData("no end-of-block code") }
        return (try Huffman(lengths: Array(lengths[..<literalCount])), try Huffman(lengths: Array(lengths[literalCount...])))
    }

    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [Int] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
        4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    static func inflateBlock(_ input: inout BitReader, _ output: inout [UInt8], literal: Huffman, distance: Huffman) throws {
        while true {
            let symbol = try input.decode(literal)
            if symbol < 256 {
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < 29 else { throw OCIError.invalidCompressedData("invalid length code \(symbol)") }
            let length = lengthBase[lengthIndex] + Int(try input.bits(lengthExtra[lengthIndex]))
            let distanceSymbol = try input.decode(distance)
            guard distanceSymbol < 30 else { throw OCIError.invalidCompressedData("invalid distance code \(distanceSymbol)") }
            let back = distanceBase[distanceSymbol] + Int(try input.bits(distanceExtra[distanceSymbol]))
            guard back <= output.count else {
                throw OCIError.invalidCompressedData("distance \(back) reaches before the start of the output")
            }
            let start = output.count - back
            for index in 0..<length { output.append(output[start + index]) }
        }
    }
}

/// A small DEFLATE encoder (RFC 1951): LZ77 matching over the 32 KiB window with hash chains,
/// emitted as one fixed-Huffman block, or as stored blocks when that would be larger (input
/// that does not compress, such as an already compressed binary). It compresses text and tar
/// headers well and is deterministic; it does not build dynamic codes, so `gzip -9` still does
/// better on large inputs.
public enum Deflate {
    static let windowSize = 1 << 15
    static let minimumMatch = 3
    static let maximumMatch = 258
    static let maximumChain = 32
    static let hashBits = 15

    public static func compress(_ input: [UInt8]) -> [UInt8] {
        let huffman = fixedHuffman(input)
        let storedSize = input.count + 5 * max(1, (input.count + 65534) / 65535)
        return huffman.count <= storedSize ? huffman : stored(input)
    }

    /// Stored blocks (RFC 1951 §3.2.4) of at most 65535 bytes each.
    public static func stored(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var offset = 0
        repeat {
            let length = min(65535, input.count - offset)
            out.append(offset + length == input.count ? 1 : 0)
            out += [UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8((~length >> 8) & 0xff)]
            out += input[offset..<offset + length]
            offset += length
        } while offset < input.count
        return out
    }

    static func fixedHuffman(_ input: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, bits: 1)
        writer.write(1, bits: 2)
        var head = [Int](repeating: -1, count: 1 << hashBits)
        var previous = [Int](repeating: -1, count: windowSize)
        var position = 0
        func hash(_ at: Int) -> Int {
            (Int(input[at]) << 10 ^ Int(input[at + 1]) << 5 ^ Int(input[at + 2])) & ((1 << hashBits) - 1)
        }
        func insert(_ at: Int) {
            guard at + minimumMatch <= input.count else { return }
            let key = hash(at)
            previous[at & (windowSize - 1)] = head[key]
            head[key] = at
        }
        while position < input.count {
            var bestLength = 0
            var bestDistance = 0
            if position + minimumMatch <= input.count {
                var candidate = head[hash(position)]
                var chain = 0
                let limit = min(maximumMatch, input.count - position)
                while candidate >= 0, position - candidate <= windowSize, chain < maximumChain {
                    var length = 0
                    while length < limit && input[candidate + length] == input[position + length] { length += 1 }
                    if length > bestLength {
                        bestLength = length
                        bestDistance = position - candidate
                        if length == limit { break }
                    }
                    let next = previous[candidate & (windowSize - 1)]
                    guard next < candidate else { break }
                    candidate = next
                    chain += 1
                }
            }
            if bestLength >= minimumMatch {
                writer.writeLength(bestLength)
                writer.writeDistance(bestDistance)
                for offset in 0..<bestLength { insert(position + offset) }
                position += bestLength
            } else {
                writer.writeLiteral(Int(input[position]))
                insert(position)
                position += 1
            }
        }
        writer.writeLiteral(256)
        return writer.finish()
    }
}

/// Packs deflate's bit stream, least significant bit first; Huffman codes go most significant
/// bit first, so the fixed codes are stored bit-reversed.
struct BitWriter {
    private var output: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    mutating func write(_ value: UInt32, bits: Int) {
        buffer |= UInt64(value) << UInt64(count)
        count += bits
        while count >= 8 {
            output.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
    }

    mutating func writeLiteral(_ symbol: Int) {
        let code = BitWriter.fixedLiteralCodes[symbol]
        write(code.bits, bits: code.length)
    }

    mutating func writeLength(_ length: Int) {
        var index = Inflate.lengthBase.count - 1
        while Inflate.lengthBase[index] > length { index -= 1 }
        writeLiteral(257 + index)
        write(UInt32(length - Inflate.lengthBase[index]), bits: Inflate.lengthExtra[index])
    }

    mutating func writeDistance(_ distance: Int) {
        var index = Inflate.distanceBase.count - 1
        while Inflate.distanceBase[index] > distance { index -= 1 }
        let code = BitWriter.fixedDistanceCodes[index]
        write(code.bits, bits: code.length)
        write(UInt32(distance - Inflate.distanceBase[index]), bits: Inflate.distanceExtra[index])
    }

    mutating func finish() -> [UInt8] {
        if count > 0 { output.append(UInt8(truncatingIfNeeded: buffer)) }
        buffer = 0
        count = 0
        return output
    }

    static let fixedLiteralCodes = canonicalCodes(
        [UInt8](repeating: 8, count: 144) + [UInt8](repeating: 9, count: 112) + [UInt8](repeating: 7, count: 24)
            + [UInt8](repeating: 8, count: 8)
    )
    static let fixedDistanceCodes = canonicalCodes([UInt8](repeating: 5, count: 30))

    /// RFC 1951 §3.2.2's canonical codes for `lengths`, each bit-reversed for writing.
    static func canonicalCodes(_ lengths: [UInt8]) -> [(bits: UInt32, length: Int)] {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            nextCode[length] = code
        }
        return lengths.map { rawLength in
            let length = Int(rawLength)
            let canonical = nextCode[length]
            nextCode[length] += 1
            var reversed: UInt32 = 0
            for bit in 0..<length where canonical & (1 << bit) != 0 { reversed |= 1 << UInt32(length - 1 - bit) }
            return (reversed, length)
        }
    }
}

import Testing
@testable import OCI

@Suite("gzip and deflate")
struct GzipTests {
    @Test("CRC-32 matches the check value of the IEEE polynomial")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xcbf4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test("system gzip output of a fixed-Huffman block decodes")
    func fixedHuffman() throws {
        let bytes = try Gzip.decompress(base64Bytes(SystemToolFixtures.helloGzip))
        #expect(String(decoding: bytes, as: UTF8.self) == "hello hello hello\n")
    }

    @Test("system gzip -9 output with dynamic Huffman blocks decodes")
    func dynamicHuffman() throws {
        let bytes = try Gzip.decompress(base64Bytes(SystemToolFixtures.sequenceGzip))
        let expected = (1...1000).map { "\($0)\n" }.joined()
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test("a gzipped tar from the system tools reads as the same entries as the plain tar")
    func gzipTar() throws {
        let plain = base64Bytes(SystemToolFixtures.gnuTar)
        let compressed = base64Bytes(SystemToolFixtures.gnuTarGzip)
        #expect(Gzip.isGzip(compressed))
        #expect(!Gzip.isGzip(plain))
        #expect(try Gzip.decompress(compressed) == plain)
    }

    @Test("compress then decompress returns the input, for text, noise and block boundaries")
    func roundTrip() throws {
        var generator: UInt32 = 1
        let noise = (0..<70_000).map { _ in
            generator = generator &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: generator >> 24)
        }
        let text = (0..<3000).flatMap { Array("line \($0) of text \($0 % 7)\n".utf8) }
        let runs = [UInt8](repeating: 0, count: 100_000) + [1, 2, 3] + [UInt8](repeating: 0, count: 300)
        for (name, bytes) in [("empty", []), ("one", [42]), ("noise", noise), ("text", text), ("runs", runs)] {
            #expect(try Gzip.decompress(Gzip.compress(bytes)) == bytes, "\(name)")
        }
        #expect(Gzip.compress(text).count < text.count / 3)
        #expect(Gzip.compress(noise).count <= noise.count + 5 * 2 + 18)
        #expect(Gzip.compress(text) == Gzip.compress(text))
    }

    @Test("stored deflate blocks decode across the 65535-byte block limit")
    func storedBlocks() throws {
        for count in [0, 65535, 65536, 140_000] {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
            #expect(try Inflate.decompress(Deflate.stored(bytes)) == bytes, "\(count)")
        }
    }

    @Test("two concatenated members decode as one stream, as Go's reader does")
    func multistream() throws {
        let joined = Gzip.compress(Array("first ".utf8)) + Gzip.compress(Array("second".utf8))
        #expect(try Gzip.decompress(joined) == Array("first second".utf8))
    }

    @Test("corruption is detected: checksum, size, truncation, bad block type")
    func corruption() {
        let good = base64Bytes(SystemToolFixtures.sequenceGzip)
        var badCRC = good
        badCRC[good.count - 6] ^= 0xff
        var badSize = good
        badSize[good.count - 2] ^= 0x01
        var badData = Gzip.compress(Array("abc".utf8))
        badData[10] = 0x07
        for (name, bytes) in [("crc", badCRC), ("size", badSize), ("truncated", Array(good.prefix(good.count / 2))),
                              ("block type", badData), ("header", [0x1f, 0x8c] + Array(good.dropFirst(2)))] {
            #expect(throws: OCIError.self, "\(name)") { try Gzip.decompress(bytes) }
        }
    }
}

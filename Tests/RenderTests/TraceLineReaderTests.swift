import Testing
@testable import Render

@Suite("Trace line reader")
struct TraceLineReaderTests {
    @Test("splits lines the same whatever the chunk size", arguments: [1, 2, 3, 7, 64, 4096])
    func chunkSizes(chunkSize: Int) {
        let text = "first\nsecond line\r\n\nlast without newline"
        let lines = TraceLineReader(bytes: Array(text.utf8), chunkSize: chunkSize).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines == ["first", "second line", "", "last without newline"])
    }

    @Test("finds every newline at every offset within a word, as the byte-by-byte scan would")
    func newlinesAtEveryOffset() {
        for length in 0..<20 {
            let line = String(repeating: "x", count: length)
            let expected = [line, line + "y", "", line + "z"]
            let lines = TraceLineReader(bytes: Array(expected.joined(separator: "\n").utf8), chunkSize: 64)
                .map { String(decoding: $0, as: UTF8.self) }
            #expect(lines == expected, "line length \(length)")
        }
    }

    @Test("a string's end, escapes and control characters are found at every offset within a word")
    func stringsAtEveryOffset() throws {
        for length in 0..<20 {
            let plain = String(repeating: "a", count: length)
            let event = "{\"v\":1,\"seq\":1,\"pid\":1,\"ts\":5,\"trace\":\"t\",\"span\":\"s\",\"kind\":\"log\",\"from\":\"\(plain)\",\"to\":\"\(plain)\\\"b\",\"op\":\"é\(plain)\"}"
            let decoded = try TraceLineDecoder.decode(Array(event.utf8)[...], drawn: { _ in true })
            #expect(decoded.from == plain, "length \(length)")
            #expect(decoded.to == plain + "\"b", "length \(length)")
            #expect(decoded.op == "é" + plain, "length \(length)")
            let control = "{\"v\":1,\"seq\":1,\"pid\":1,\"ts\":5,\"trace\":\"t\",\"span\":\"s\",\"kind\":\"log\",\"from\":\"\(plain)\u{01}\(plain)\"}"
            #expect(throws: TraceLineDecoder.Failure.self) { try TraceLineDecoder.decode(Array(control.utf8)[...], drawn: { _ in true }) }
        }
    }

    @Test("an empty stream has no lines, and a final newline adds none")
    func edges() {
        #expect(Array(TraceLineReader(bytes: [])).isEmpty)
        #expect(TraceLineReader(bytes: Array("a\n".utf8)).map { Array($0) } == [Array("a".utf8)])
    }

    @Test("reads from a closure, asking for a chunk only when it needs one")
    func pullsChunks() {
        var chunks = [Array("one\ntw".utf8), Array("o\nthree".utf8)]
        var asked = 0
        var reader = TraceLineReader(readChunk: {
            asked += 1
            return chunks.isEmpty ? nil : chunks.removeFirst()
        })
        #expect(reader.next().map { Array($0) } == Array("one".utf8))
        #expect(asked == 1)
        #expect(reader.next().map { Array($0) } == Array("two".utf8))
        #expect(reader.next().map { Array($0) } == Array("three".utf8))
        #expect(reader.next() == nil)
    }
}

/// Splits a byte stream into the lines of a JSON Lines trace without holding the whole file.
///
/// The caller owns the reading: `readChunk` returns the next bytes of the file (any size) and nil
/// or an empty array at the end, so the renderer never opens files itself (the CLI reads through
/// whatever it likes, the tests through memory). Only the current partial line is buffered, so
/// memory stays flat however long the trace is. A trailing `\r` is dropped, as JSON Lines allows
/// CRLF endings; a last line without its newline is still returned.
///
/// A read error is the caller's to keep: `readChunk` can record it and return nil, and the caller
/// checks it once the sequence ends.
public struct TraceLineReader: Sequence, IteratorProtocol {
    private let readChunk: () -> [UInt8]?
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var lineStart = 0
    /// Where the search for the next newline resumes, so a long line is scanned once.
    private var scanFrom = 0
    private var atEnd = false
    /// Bytes of the stream dropped from the front of `buffer`.
    private var dropped: Int64 = 0
    /// The byte offset in the stream of the line `next()` returned last (for an index of
    /// offsets that a step viewer reads back with `pread`).
    public private(set) var lineOffset: Int64 = 0

    public init(readChunk: @escaping () -> [UInt8]?) {
        self.readChunk = readChunk
    }

    /// Reads lines from bytes already in memory, `chunkSize` bytes at a time (for tests and
    /// for traces the caller has at hand).
    public init(bytes: [UInt8], chunkSize: Int = 64 * 1024) {
        precondition(chunkSize > 0, "a chunk holds at least one byte")
        var offset = 0
        self.init(readChunk: {
            guard offset < bytes.count else { return nil }
            let end = Swift.min(offset + chunkSize, bytes.count)
            defer { offset = end }
            return Array(bytes[offset..<end])
        })
    }

    public mutating func next() -> ArraySlice<UInt8>? {
        while true {
            if let newline = newlineIndex() {
                let line = trimmed(buffer[lineStart..<newline])
                lineOffset = dropped + Int64(lineStart)
                lineStart = newline + 1
                scanFrom = lineStart
                return line
            }
            scanFrom = buffer.count
            if atEnd {
                guard lineStart < buffer.count else { return nil }
                let line = trimmed(buffer[lineStart...])
                lineOffset = dropped + Int64(lineStart)
                lineStart = buffer.count
                scanFrom = lineStart
                return line
            }
            refill()
        }
    }

    /// The next newline at or after `scanFrom`, eight bytes at a time: a word holds a newline
    /// when XOR with 0x0A… leaves a zero byte, which the classic (w - 0x01…) & ~w & 0x80…
    /// test finds, the lowest flagged byte being the first newline.
    private func newlineIndex() -> Int? {
        buffer.withUnsafeBytes { raw in
            var index = scanFrom
            #if _endian(little)
            while index + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
                let found = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
            #endif
            while index < raw.count {
                if raw[index] == 0x0A { return index }
                index += 1
            }
            return nil
        }
    }

    /// Drops the lines already handed out and appends the next chunk.
    private mutating func refill() {
        if lineStart > 0 {
            buffer.removeSubrange(0..<lineStart)
            dropped += Int64(lineStart)
            scanFrom -= lineStart
            lineStart = 0
        }
        guard let chunk = readChunk(), !chunk.isEmpty else {
            atEnd = true
            return
        }
        buffer.append(contentsOf: chunk)
    }

    private func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == 0x0D ? line.dropLast() : line
    }
}

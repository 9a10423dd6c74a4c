extension JSONCursor {
    /// Checks the value at the cursor and moves past it.
    mutating func skipValue(depth: Int) throws {
        guard depth < JSONCursor.maximumDepth else { throw failure("nesting deeper than \(JSONCursor.maximumDepth)") }
        guard let byte = peek else { throw failure("unexpected end") }
        switch byte {
        case UInt8(ascii: "{"): try skipContainer(closing: UInt8(ascii: "}"), keyed: true, depth: depth)
        case UInt8(ascii: "["): try skipContainer(closing: UInt8(ascii: "]"), keyed: false, depth: depth)
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try integer()
        }
    }

    private mutating func skipContainer(closing: UInt8, keyed: Bool, depth: Int) throws {
        index += 1
        skipSpace()
        if peek == closing { index += 1; return }
        while true {
            skipSpace()
            if keyed {
                guard peek == UInt8(ascii: "\"") else { throw failure("expected a key") }
                _ = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"), "expected ':'")
                skipSpace()
            }
            try skipValue(depth: depth + 1)
            skipSpace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            try expect(closing, keyed ? "expected ',' or '}'" : "expected ',' or ']'")
            return
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count, self.bytes(index..<(index + count), equal: word) else {
            throw failure("unknown literal")
        }
        index += count
    }

    /// The strings of the array that starts at `start` (its other elements are left out, as
    /// `TraceEvent` reads `args`).
    func stringElements(ofArrayAt start: Int) throws -> [String] {
        var cursor = self
        cursor.index = start + 1
        var out: [String] = []
        cursor.skipSpace()
        if cursor.peek == UInt8(ascii: "]") { return out }
        while true {
            cursor.skipSpace()
            if cursor.peek == UInt8(ascii: "\"") {
                out.append(try decoded(try cursor.string()))
            } else {
                try cursor.skipValue(depth: 1)
            }
            cursor.skipSpace()
            if cursor.peek == UInt8(ascii: ",") { cursor.index += 1; continue }
            return out
        }
    }
}

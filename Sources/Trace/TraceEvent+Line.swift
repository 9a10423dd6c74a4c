extension TraceEvent {
    /// One JSON Lines record, newline included: the bytes `jsonValue` serializes to, written
    /// straight into one buffer. Every syscall of a traced program writes an event, so this is
    /// the tracer's hot path; building the `JSONValue` tree first cost more than the write(2).
    public var lineBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(320)
        write(to: &out)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// `lineBytes` as text.
    public var line: String { String(decoding: lineBytes, as: UTF8.self) }

    /// The fields in the schema's order, as `jsonValue.write(to:)` writes them.
    func write(to out: inout [UInt8]) {
        let escaping = JSONStringEscaping.trace
        func key(_ name: StaticString) {
            name.withUTF8Buffer { out.append(contentsOf: $0) }
        }
        key(#"{"v":"#); Self.appendDecimal(Int64(version), to: &out)
        key(#","seq":"#); Self.appendDecimal(seq, to: &out)
        key(#","ts":"#); Self.appendDecimal(ts, to: &out)
        key(#","trace":"#); escaping.append(trace, to: &out)
        key(#","span":"#); escaping.append(span, to: &out)
        key(#","parent":"#)
        if let parent { escaping.append(parent, to: &out) } else { key("null") }
        key(#","kind":"#); escaping.append(kind.rawValue, to: &out)
        key(#","from":"#); escaping.append(from, to: &out)
        key(#","to":"#); escaping.append(to, to: &out)
        key(#","op":"#); escaping.append(op, to: &out)
        key(#","pid":"#); Self.appendDecimal(Int64(pid), to: &out)
        if let proto { key(#","proto":"#); escaping.append(proto, to: &out) }
        if let status { key(#","status":"#); escaping.append(status, to: &out) }
        if let args {
            key(#","args":["#)
            for (index, argument) in args.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                escaping.append(argument, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let result { key(#","result":"#); escaping.append(result, to: &out) }
        if let dur { key(#","dur":"#); Self.appendDecimal(dur, to: &out) }
        if let attrs { key(#","attrs":"#); JSONValue.object(attrs).write(to: &out) }
        if let body { key(#","body":"#); body.write(to: &out) }
        out.append(UInt8(ascii: "}"))
    }

    /// `String(value)`'s digits, without making the string.
    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes; an Int64 has at most 19 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var index = buffer.count
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude != 0
            out.append(contentsOf: buffer[index...])
        }
    }
}

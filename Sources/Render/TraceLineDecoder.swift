import Trace

/// Reads one line of a trace (schema v1, see `TraceEvent`) straight from its bytes into a
/// `DiagramEvent`, with the same rules and messages as `TraceEvent(json:)`: the required fields,
/// their types, the schema version, a known kind. Every member is checked for JSON syntax, but
/// strings are only made for the events the diagram will draw, and `attrs` and `body` never.
enum TraceLineDecoder {
    struct Failure: Error {
        let reason: String
    }

    /// - Parameter drawn: whether an event of this kind will be drawn (its text is decoded).
    static func decode(_ line: ArraySlice<UInt8>, drawn: (TraceEvent.Kind) -> Bool) throws -> DiagramEvent {
        try line.withUnsafeBufferPointer { bytes in
            var cursor = JSONCursor(bytes: bytes)
            let members = try Members(cursor: &cursor)
            return try members.event(drawn: drawn, cursor: cursor)
        }
    }

    /// Where each top-level member's value lies in the line (stored fields, not arrays: this
    /// runs once per line and must not allocate).
    private struct Members {
        var v, seq, ts, pid, dur: Int64?
        var trace, span, parent, kind, from, to, op, status, result, proto: JSONCursor.StringRange?
        var args: Int?

        init(cursor: inout JSONCursor) throws {
            cursor.skipSpace()
            try cursor.expect(UInt8(ascii: "{"), "expected an object")
            cursor.skipSpace()
            if cursor.peek == UInt8(ascii: "}") {
                cursor.index += 1
            } else {
                try readMembers(&cursor)
            }
            cursor.skipSpace()
            guard cursor.atEnd else { throw cursor.failure("trailing characters") }
        }

        private mutating func readMembers(_ cursor: inout JSONCursor) throws {
            while true {
                cursor.skipSpace()
                guard cursor.peek == UInt8(ascii: "\"") else { throw cursor.failure("expected a key") }
                let key = try cursor.string()
                cursor.skipSpace()
                try cursor.expect(UInt8(ascii: ":"), "expected ':'")
                cursor.skipSpace()
                try readValue(of: key, &cursor)
                cursor.skipSpace()
                if cursor.peek == UInt8(ascii: ",") { cursor.index += 1; continue }
                try cursor.expect(UInt8(ascii: "}"), "expected ',' or '}'")
                return
            }
        }

        /// The schema's member names, matched on their bytes (no string is made for a key).
        private mutating func readValue(of key: JSONCursor.StringRange, _ cursor: inout JSONCursor) throws {
            func named(_ name: StaticString) -> Bool { !key.escaped && cursor.bytes(key.range, equal: name) }
            switch key.range.count {
            case 1 where named("v"): v = try Members.integer(&cursor)
            case 2 where named("ts"): ts = try Members.integer(&cursor)
            case 2 where named("to"): to = try Members.string(&cursor)
            case 2 where named("op"): op = try Members.string(&cursor)
            case 3 where named("seq"): seq = try Members.integer(&cursor)
            case 3 where named("pid"): pid = try Members.integer(&cursor)
            case 3 where named("dur"): dur = try Members.integer(&cursor)
            case 4 where named("kind"): kind = try Members.string(&cursor)
            case 4 where named("from"): from = try Members.string(&cursor)
            case 4 where named("span"): span = try Members.string(&cursor)
            case 4 where named("args"):
                args = cursor.peek == UInt8(ascii: "[") ? cursor.index : nil
                try cursor.skipValue(depth: 1)
            case 5 where named("trace"): trace = try Members.string(&cursor)
            case 5 where named("proto"): proto = try Members.string(&cursor)
            case 6 where named("parent"): parent = try Members.string(&cursor)
            case 6 where named("status"): status = try Members.string(&cursor)
            case 6 where named("result"): result = try Members.string(&cursor)
            default: try cursor.skipValue(depth: 1)
            }
        }

        /// A number member's value; nil (the field counts as missing) for any other type.
        private static func integer(_ cursor: inout JSONCursor) throws -> Int64? {
            if cursor.isNumberAhead { return try cursor.integer() }
            try cursor.skipValue(depth: 1)
            return nil
        }

        /// A string member's place; nil (missing, or null for `parent`) for any other type.
        private static func string(_ cursor: inout JSONCursor) throws -> JSONCursor.StringRange? {
            if cursor.peek == UInt8(ascii: "\"") { return try cursor.string() }
            try cursor.skipValue(depth: 1)
            return nil
        }

        func event(drawn: (TraceEvent.Kind) -> Bool, cursor: JSONCursor) throws -> DiagramEvent {
            let version = try required(v, "v")
            guard version == Int64(TraceEvent.schemaVersion) else {
                throw Failure(reason: "trace schema version \(version) is not supported (this build reads version \(TraceEvent.schemaVersion))")
            }
            let kind = try self.kind(cursor)
            _ = try required(seq, "seq")
            let pid = try required(pid, "pid")
            let trace = try required(trace, "trace")
            var event = DiagramEvent(kind: kind, ts: try required(ts, "ts"))
            let span = try required(span, "span"), from = try required(from, "from")
            let to = try required(to, "to"), op = try required(op, "op")
            guard drawn(kind) else { return event }
            event.span = try cursor.decoded(span)
            event.parent = try parent.map(cursor.decoded)
            event.from = try cursor.decoded(from)
            event.to = try cursor.decoded(to)
            event.op = try cursor.decoded(op)
            event.status = try status.map(cursor.decoded)
            event.result = try result.map(cursor.decoded)
            event.dur = dur
            event.pid = pid
            event.proto = try proto.map(cursor.decoded)
            event.trace = try cursor.decoded(trace)
            if let args { event.args = try cursor.stringElements(ofArrayAt: args) }
            return event
        }

        private func kind(_ cursor: JSONCursor) throws -> TraceEvent.Kind {
            let range = try required(kind, "kind")
            let candidate: TraceEvent.Kind?
            switch (range.range.count, cursor.bytes[range.range.lowerBound]) {
            case (7, UInt8(ascii: "r")): candidate = .request
            case (8, UInt8(ascii: "r")): candidate = .response
            case (7, UInt8(ascii: "s")): candidate = .syscall
            case (9, UInt8(ascii: "l")): candidate = .lifecycle
            case (3, UInt8(ascii: "l")): candidate = .log
            default: candidate = nil
            }
            if let candidate, !range.escaped, cursor.bytes(range.range, equal: candidate.staticName) {
                return candidate
            }
            throw Failure(reason: "unknown event kind \(JSONValue.string(try cursor.decoded(range)).serialized)")
        }

        private func required<Value>(_ value: Value?, _ name: String) throws -> Value {
            guard let value else {
                let type = Value.self == Int64.self ? "integer" : "string"
                throw Failure(reason: "trace event lacks the \(type) field \"\(name)\"")
            }
            return value
        }
    }
}

extension TraceEvent.Kind {
    /// The raw value, for comparing with bytes.
    var staticName: StaticString {
        switch self {
        case .request: return "request"
        case .response: return "response"
        case .syscall: return "syscall"
        case .lifecycle: return "lifecycle"
        case .log: return "log"
        }
    }
}

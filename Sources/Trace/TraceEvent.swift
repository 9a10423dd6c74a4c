/// One line of a trace: schema version 1, documented in `docs/TRACE-SCHEMA.md`.
///
/// Every event carries `v`, `seq`, `ts`, `trace`, `span`, `parent`, `kind`, `from`, `to`, `op`
/// and `pid`; the optional fields follow in a fixed order so that one event always serializes to
/// the same bytes.
public struct TraceEvent: Sendable, Equatable {
    public static let schemaVersion = 1

    public enum Kind: String, Sendable, CaseIterable {
        /// A request crossing a hop (HTTP, RPC, exec), written where it is received (or, for an
        /// exec, by the parent that execs).
        case request
        /// The answer to a request; same `span` as its request.
        case response
        /// One `Kernel` call, a child of the hop that caused it.
        case syscall
        /// A process started or exited, a container changed state.
        case lifecycle
        /// A line a program logged, kept with its place in the journey.
        case log
    }

    public var version: Int
    /// Per-process sequence number; `(pid, seq)` is unique in a trace and the file's order is
    /// the order of events.
    public var seq: Int64
    /// Nanoseconds since the Unix epoch, by the writer's `Kernel` clock (virtual in the simulator).
    public var ts: Int64
    public var trace: String
    public var span: String
    public var parent: String?
    public var kind: Kind
    public var from: String
    public var to: String
    public var op: String
    public var pid: Int32
    /// `http`, `ttrpc`, `exec`, `registry` … for hops; absent for syscalls.
    public var proto: String?
    /// A response's status: `200 OK`, `ok`, `exit 0`, `NotFound` …
    public var status: String?
    /// A syscall's arguments as the person reading the trace would write them.
    public var args: [String]?
    /// A syscall's result (`3`, `0`) or its errno name (`ENOENT`).
    public var result: String?
    /// Duration in nanoseconds, for syscalls and responses.
    public var dur: Int64?
    /// Extra facts: headers, ids, exit codes.
    public var attrs: [(String, JSONValue)]?
    /// The message itself: a JSON body, or text.
    public var body: JSONValue?

    public init(
        version: Int = TraceEvent.schemaVersion, seq: Int64, ts: Int64, trace: String, span: String,
        parent: String?, kind: Kind, from: String, to: String, op: String, pid: Int32,
        proto: String? = nil, status: String? = nil, args: [String]? = nil, result: String? = nil,
        dur: Int64? = nil, attrs: [(String, JSONValue)]? = nil, body: JSONValue? = nil
    ) {
        self.version = version
        self.seq = seq
        self.ts = ts
        self.trace = trace
        self.span = span
        self.parent = parent
        self.kind = kind
        self.from = from
        self.to = to
        self.op = op
        self.pid = pid
        self.proto = proto
        self.status = status
        self.args = args
        self.result = result
        self.dur = dur
        self.attrs = attrs
        self.body = body
    }

    public static func == (lhs: TraceEvent, rhs: TraceEvent) -> Bool {
        lhs.jsonValue == rhs.jsonValue
    }

    public func attribute(_ key: String) -> JSONValue? {
        attrs?.first(where: { $0.0 == key })?.1
    }
}

extension TraceEvent {
    /// The event as an ordered JSON object: the field order is part of the schema.
    public var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [
            ("v", .int(Int64(version))), ("seq", .int(seq)), ("ts", .int(ts)),
            ("trace", .string(trace)), ("span", .string(span)),
            ("parent", parent.map(JSONValue.string) ?? .null),
            ("kind", .string(kind.rawValue)), ("from", .string(from)), ("to", .string(to)),
            ("op", .string(op)), ("pid", .int(Int64(pid))),
        ]
        if let proto { members.append(("proto", .string(proto))) }
        if let status { members.append(("status", .string(status))) }
        if let args { members.append(("args", .array(args.map(JSONValue.string)))) }
        if let result { members.append(("result", .string(result))) }
        if let dur { members.append(("dur", .int(dur))) }
        if let attrs { members.append(("attrs", .object(attrs))) }
        if let body { members.append(("body", body)) }
        return .object(members)
    }

    public struct DecodingError: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// Reads an event back from its JSON object.
    public init(json: JSONValue) throws {
        func string(_ key: String) throws -> String {
            guard let value = json[key]?.stringValue else {
                throw DecodingError(reason: "trace event lacks the string field \"\(key)\"")
            }
            return value
        }
        func int(_ key: String) throws -> Int64 {
            guard let value = json[key]?.intValue else {
                throw DecodingError(reason: "trace event lacks the integer field \"\(key)\"")
            }
            return value
        }
        let version = Int(try int("v"))
        guard version == TraceEvent.schemaVersion else {
            throw DecodingError(reason: "trace schema version \(version) is not supported (this build reads version \(TraceEvent.schemaVersion))")
        }
        guard let kind = Kind(rawValue: try string("kind")) else {
            throw DecodingError(reason: "unknown event kind \(json["kind"]?.serialized ?? "null")")
        }
        var attrs: [(String, JSONValue)]? = nil
        if case let .object(members)? = json["attrs"] { attrs = members }
        self.init(
            version: version, seq: try int("seq"), ts: try int("ts"), trace: try string("trace"),
            span: try string("span"), parent: json["parent"]?.stringValue, kind: kind,
            from: try string("from"), to: try string("to"), op: try string("op"),
            pid: Int32(truncatingIfNeeded: try int("pid")), proto: json["proto"]?.stringValue,
            status: json["status"]?.stringValue,
            args: json["args"]?.arrayValue?.compactMap(\.stringValue),
            result: json["result"]?.stringValue, dur: json["dur"]?.intValue, attrs: attrs,
            body: json["body"]
        )
    }

    /// Parses one line of a JSON Lines trace.
    public init(line: some Collection<UInt8>) throws {
        try self.init(json: JSONParser.parse(Array(line)))
    }
}

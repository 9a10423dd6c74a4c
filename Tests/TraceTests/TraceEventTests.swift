import Foundation
import Synchronization
import Testing
@testable import Trace

@Suite("Trace events and their JSON")
struct TraceEventTests {
    static let event = TraceEvent(
        seq: 3, ts: 1_767_225_600_000_001_000, trace: String(repeating: "a", count: 32), span: String(repeating: "b", count: 16),
        parent: String(repeating: "c", count: 16), kind: .request, from: "client", to: "dockerd", op: "HEAD /_ping", pid: 7,
        proto: "http", attrs: [("user-agent", .string("Docker-Client/28.2.2 (linux)"))], body: .object([("a", .int(1))])
    )

    @Test("an event serializes with the schema's fields in the schema's order")
    func fieldOrder() {
        let line = Self.event.line
        let keys = ["\"v\":", "\"seq\":", "\"ts\":", "\"trace\":", "\"span\":", "\"parent\":", "\"kind\":", "\"from\":",
                    "\"to\":", "\"op\":", "\"pid\":", "\"proto\":", "\"attrs\":", "\"body\":"]
        var previous = line.startIndex
        for key in keys {
            guard let range = line.range(of: key) else {
                Issue.record("missing \(key) in \(line)")
                return
            }
            #expect(range.lowerBound >= previous, "\(key) is out of order")
            previous = range.lowerBound
        }
        #expect(line.hasSuffix("}\n"))
    }

    @Test("the line written field by field is the JSON value's serialization, byte for byte")
    func directLine() {
        let syscall = TraceEvent(
            seq: 9_223_372_036_854_775_807, ts: -1, trace: "t", span: "s", parent: nil, kind: .syscall, from: "runc", to: "kernel",
            op: "open", pid: -3, args: ["\"/tmp/a \\ b\"", "O_RDONLY", "é\u{1}"], result: "ENOENT", dur: 0
        )
        let response = TraceEvent(
            seq: 0, ts: 42, trace: "t", span: "s", parent: "p", kind: .response, from: "dockerd", to: "client", op: "GET /x",
            pid: 1, proto: "http", status: "200 OK", dur: 1_000, attrs: [("n", .int(-12)), ("ok", .bool(true))], body: .array([.null])
        )
        for event in [Self.event, syscall, response] {
            var expected: [UInt8] = []
            event.jsonValue.write(to: &expected)
            #expect(event.lineBytes == expected + [0x0A], "\(event.line)")
        }
    }

    @Test("span ids are 16 hex digits, distinct, and decided by the seed the kernel gave")
    func spanIDs() {
        func ids(seed: UInt8) -> [String] {
            let tracer = Tracer(participant: "p", pid: 1, sink: MemoryTraceSink(), inherited: nil, clock: { 0 },
                                random: { count in [UInt8](repeating: seed, count: count) })
            return (0..<1_000).map { _ in tracer.newSpanID() }
        }
        let first = ids(seed: 1)
        #expect(Set(first).count == first.count)
        #expect(first.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isHexDigit) && $0 == $0.lowercased() })
        #expect(ids(seed: 1) == first)
        #expect(ids(seed: 2) != first)
    }

    @Test("an event reads back equal to itself")
    func roundTrip() throws {
        let back = try TraceEvent(line: Array(Self.event.line.utf8.dropLast()))
        #expect(back == Self.event)
    }

    @Test("an unknown schema version is refused with a message that names it")
    func unknownVersion() {
        let line = Self.event.line.replacingFirst("\"v\":1", with: "\"v\":9")
        #expect(throws: TraceEvent.DecodingError.self) { try TraceEvent(line: Array(line.utf8)) }
    }

    @Test("strings escape what JSON requires and parse back unchanged")
    func escaping() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{07} é 😀"
        let json = JSONValue.string(text).serialized
        #expect(!json.contains("\n"))
        #expect(try JSONParser.parse(json) == .string(text))
    }

    @Test("the parser rejects malformed JSON with the offset")
    func malformed() {
        for text in ["{", "{\"a\":}", "[1,]", "nul", "\"unterminated", "{\"a\":1} x", "01x"] {
            #expect(throws: JSONParser.SyntaxError.self, "\(text)") { try JSONParser.parse(text) }
        }
    }

    @Test("nesting deeper than the limit is refused rather than overflowing the stack")
    func deepNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(deep) }
    }
}

@Suite("Trace context")
struct TraceContextTests {
    @Test("traceparent round-trips and rejects other versions and bad lengths")
    func traceparent() {
        let context = TraceContext(traceID: String(repeating: "1", count: 32), spanID: String(repeating: "2", count: 16))
        #expect(TraceContext(traceparent: context.traceparent) == context)
        #expect(TraceContext(traceparent: "01-" + String(repeating: "1", count: 32) + "-" + String(repeating: "2", count: 16) + "-01") == nil)
        #expect(TraceContext(traceparent: "00-abc-def-01") == nil)
    }

    @Test("a hop travels through the environment with its parent span")
    func hopEnvironment() {
        let hop = HopContext(hop: TraceContext(traceID: String(repeating: "a", count: 32), spanID: String(repeating: "b", count: 16)),
                             parentSpanID: String(repeating: "c", count: 16))
        let back = HopContext(environment: ["PATH=/bin"] + hop.environment)
        #expect(back == hop)
    }

    @Test("a tracer nests events under the current span and numbers them")
    func tracerNesting() throws {
        let sink = MemoryTraceSink()
        let counter = Mutex<UInt8>(0)
        let tracer = Tracer(participant: "dockerd", pid: 4, sink: sink, inherited: nil, clock: { 42 }, random: { count in
            let next = counter.withLock { value -> UInt8 in
                value &+= 1
                return value
            }
            return [UInt8](repeating: next, count: count)
        })
        let hop = tracer.newHop()
        tracer.received(hop, from: "client", op: "GET /info", proto: "http")
        tracer.withSpan(hop.hop) { tracer.syscall("open", args: ["\"/x\""], result: "3", start: 1, end: 2) }
        let events = try sink.lines.map { try TraceEvent(line: Array($0.utf8.dropLast())) }
        #expect(events.map(\.seq) == [1, 2])
        #expect(events[0].span == hop.hop.spanID)
        #expect(events[0].parent == tracer.current.spanID)
        #expect(events[1].parent == hop.hop.spanID)
        #expect(events[1].kind == .syscall)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

/// What one hop carries to the next so that both sides write under the same span.
///
/// The sender makes the hop's span (a child of its current span) and sends it as the W3C
/// `traceparent`; the span it was made under travels in `tracestate` as `glassbox=<parent>`.
/// The receiver writes the `request` and `response` events with that span and parent, and
/// serves the request under it, so the syscalls of both sides nest under the one hop.
public struct HopContext: Sendable, Hashable {
    public var hop: TraceContext
    public var parentSpanID: String?

    public init(hop: TraceContext, parentSpanID: String?) {
        self.hop = hop
        self.parentSpanID = parentSpanID
    }

    public static let stateHeaderName = "tracestate"
    public static let stateEnvironmentName = "TRACESTATE"

    /// The `tracestate` value: `glassbox=<parent span id>`.
    public var tracestate: String? { parentSpanID.map { "glassbox=\($0)" } }

    /// Reads a hop context from a `traceparent` and an optional `tracestate` value.
    public init?(traceparent: String?, tracestate: String?) {
        guard let traceparent, let hop = TraceContext(traceparent: traceparent) else { return nil }
        self.hop = hop
        self.parentSpanID = tracestate.flatMap(HopContext.parentSpan(fromState:))
    }

    static func parentSpan(fromState state: String) -> String? {
        for member in state.split(separator: ",") {
            let pair = member.trimmingSpaces.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == "glassbox", pair[1].count == 16 { return String(pair[1]) }
        }
        return nil
    }

    /// `TRACEPARENT=` and `TRACESTATE=` entries for an exec'd program's environment.
    public var environment: [String] {
        var entries = ["\(TraceContext.environmentName)=\(hop.traceparent)"]
        if let tracestate { entries.append("\(HopContext.stateEnvironmentName)=\(tracestate)") }
        return entries
    }

    public init?(environment: [String]) {
        func value(_ name: String) -> String? {
            let prefix = name + "="
            return environment.first(where: { $0.hasPrefix(prefix) }).map { String($0.dropFirst(prefix.count)) }
        }
        self.init(traceparent: value(TraceContext.environmentName), tracestate: value(HopContext.stateEnvironmentName))
    }
}

extension Tracer {
    /// A new hop under the current span, ready to be sent.
    public func newHop() -> HopContext {
        HopContext(hop: childContext(), parentSpanID: current.spanID)
    }

    /// Writes the `request` event of a received hop.
    public func received(
        _ hop: HopContext, from: String, op: String, proto: String,
        attrs: [(String, JSONValue)]? = nil, body: JSONValue? = nil
    ) {
        emit(kind: .request, from: from, to: participant, op: op, span: hop.hop,
             parent: hop.parentSpanID, proto: proto, attrs: attrs, body: body)
    }

    /// Writes the `response` event of a hop this program served.
    public func answered(
        _ hop: HopContext, to: String, op: String, proto: String, status: String, dur: Int64? = nil,
        attrs: [(String, JSONValue)]? = nil, body: JSONValue? = nil
    ) {
        emit(kind: .response, from: participant, to: to, op: op, span: hop.hop,
             parent: hop.parentSpanID, proto: proto, status: status, dur: dur, attrs: attrs, body: body)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}

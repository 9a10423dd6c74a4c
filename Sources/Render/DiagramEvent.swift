import Trace

/// The fields of a trace event that a diagram draws. Decoding only these, and only for the
/// events that are drawn, is what lets a million-event trace render in about a second: a hidden
/// syscall costs a syntax check and no strings.
struct DiagramEvent {
    var kind: TraceEvent.Kind
    var ts: Int64
    var span = ""
    var parent: String?
    var from = ""
    var to = ""
    var op = ""
    var status: String?
    var args: [String]?
    var result: String?
    var dur: Int64?
    /// The writer's pid, as it sees it (in its own pid namespace).
    var pid: Int64 = 0
    var proto: String?
    /// The W3C trace id (decoded only for exports that carry it).
    var trace = ""

    init(kind: TraceEvent.Kind, ts: Int64) {
        self.kind = kind
        self.ts = ts
    }
}

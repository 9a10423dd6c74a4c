import Trace

/// A few plain words on what one kind of hop is doing and why, in Docker's terms, with the
/// upstream code it describes ("moby daemon/create.go"), so a person can read the original next
/// to the trace. The table is `Explanation.table`; the step viewer and the HTML page show the
/// entry of each hop.
public struct Explanation: Sendable, Equatable {
    /// A short name for the hop: `Create, answered 404`.
    public let title: String
    /// One paragraph.
    public let text: String
    /// Where the behaviour lives upstream: repository and file (and function).
    public let source: String
    /// Which events this entry explains.
    let pattern: HopPattern
    /// A catch-all for a protocol, used when no specific entry matches.
    public let isGeneric: Bool

    init(_ title: String, _ pattern: HopPattern, source: String, generic: Bool = false, _ text: String) {
        self.title = title
        self.pattern = pattern
        self.source = source
        self.isGeneric = generic
        self.text = text
    }

    /// The first entry of `table` that matches the event, most specific entries first.
    public static func matching(
        kind: TraceEvent.Kind, proto: String?, op: String, status: String? = nil, args: [String]? = nil
    ) -> Explanation? {
        index(kind: kind, proto: proto, op: op, status: status, args: args).map { table[$0] }
    }

    /// The explanation of a decoded event.
    public static func matching(_ event: TraceEvent) -> Explanation? {
        matching(kind: event.kind, proto: event.proto, op: event.op, status: event.status, args: event.args)
    }

    /// The position in `table` of the entry that explains the event (the HTML page ships the
    /// table once and refers to entries by position).
    static func index(
        kind: TraceEvent.Kind, proto: String?, op: String, status: String?, args: [String]?
    ) -> Int? {
        let facts = HopPattern.Facts(kind: kind, proto: proto, op: op, status: status, args: args)
        return table.firstIndex { $0.pattern.matches(facts) }
    }

    /// Every entry, specific ones before the generic ones.
    public static let table: [Explanation] = exec + terminal + engine + registry + daemons + containerd + shim + runc
        + initSyscalls + lifecycle + generic
}

/// Which events an explanation covers: their kind, protocol, op and (for a response) status,
/// or a syscall's arguments. `op`, `status` and `args` are globs where `*` stands for any run
/// of characters, so `POST */containers/*/start` covers every API version and container id.
struct HopPattern: Sendable, Equatable {
    var kinds: Set<TraceEvent.Kind>
    /// Nil matches any protocol (`registry` and `http` are one protocol here).
    var proto: String?
    var op: String
    /// Nil matches any status, and events without one.
    var status: String?
    /// A glob over the arguments joined with `, `.
    var args: String?

    struct Facts {
        var kind: TraceEvent.Kind
        var proto: String?
        var op: String
        var status: String?
        var args: [String]?
    }

    static func hop(_ proto: String, _ op: String, status: String? = nil) -> HopPattern {
        HopPattern(kinds: [.request, .response], proto: proto, op: op, status: status)
    }

    static func syscall(_ op: String, args: String? = nil) -> HopPattern {
        HopPattern(kinds: [.syscall], op: op, args: args)
    }

    static func lifecycle(_ op: String) -> HopPattern {
        HopPattern(kinds: [.lifecycle], op: op)
    }

    func matches(_ facts: Facts) -> Bool {
        guard kinds.contains(facts.kind) else { return false }
        if let proto, HopPattern.protocolFamily(facts.proto) != proto { return false }
        if let status {
            guard let actual = facts.status, Glob.matches(status, actual) else { return false }
        }
        if let args {
            guard let actual = facts.args, Glob.matches(args, actual.joined(separator: ", ")) else { return false }
        }
        return Glob.matches(op, facts.op)
    }

    /// Registry hops are HTTP on the wire; hand-written traces call them `registry`.
    private static func protocolFamily(_ proto: String?) -> String? {
        proto == "registry" ? "http" : proto
    }
}

/// Shell-style `*` globs over Unicode scalars (no other metacharacters: ops are full of `?`).
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
        var pi = 0, ti = 0
        var star: Int?, resume = 0
        while ti < t.count {
            if pi < p.count, p[pi] != "*", p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                resume = ti
                pi += 1
            } else if let star {
                pi = star + 1
                resume += 1
                ti = resume
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

import Trace

/// Compares two traces hop by hop, as `diff -u` compares lines: which hops one journey made
/// that the other did not, or answered differently. Ids and timestamps are ignored (spans,
/// pids, durations are not compared; 64- and 12-hex ids and sha256 digests in ops are replaced
/// by placeholders), so two runs of one journey compare equal. With `syscalls`, the syscalls
/// under each pair of equal hops are compared too, and differences that `ExpectedDifference`
/// explains (a simulated kernel does some things as a real one does not) are shown as such
/// and not counted.
///
/// Each trace is read once, streaming; what is kept is one short normalised line per hop (and
/// per syscall, with `syscalls`), not the events.
public struct TraceDiff: Sendable {
    public var syscalls: Bool
    /// Unchanged hops shown around each change.
    public var context: Int

    public init(syscalls: Bool = false, context: Int = 1) {
        self.syscalls = syscalls
        self.context = context
    }

    /// What the comparison found.
    public struct Summary: Sendable, Equatable {
        /// Hops removed, added or changed (a changed hop counts once on each side).
        public var differingHops = 0
        /// Syscall lines removed or added under hops present in both traces, not explained.
        public var differingSyscalls = 0
        /// Syscall differences the expected-differences table explains.
        public var expectedSyscalls = 0

        public var isEmpty: Bool { differingHops == 0 && differingSyscalls == 0 }
    }

    /// Writes the differences between trace `a` and trace `b`, one line per call: "no hop
    /// differs" or a unified-style list.
    ///
    /// - Throws: `TraceLineError` for a line of either trace that is not an event.
    @discardableResult
    public func compare(
        _ a: some Sequence<ArraySlice<UInt8>>, _ b: some Sequence<ArraySlice<UInt8>>,
        names: (String, String) = ("a", "b"), into emit: (String) -> Void
    ) throws -> Summary {
        let left = try DiffHop.read(a, syscalls: syscalls), right = try DiffHop.read(b, syscalls: syscalls)
        var summary = Summary()
        let edits = SequenceDiff.edits(left.map(\.key), right.map(\.key))
        withoutActuallyEscaping(emit) { emit in
            var printer = DiffPrinter(emit: emit, names: names)
            printer.hunks(edits, left: left.map(\.key), right: right.map(\.key), context: context, label: "hop")
            guard syscalls else { return }
            for case let .keep(x, y) in edits where left[x].syscalls != right[y].syscalls {
                let found = printer.syscalls(left[x].syscalls, right[y].syscalls, hop: left[x].key, at: (x, y))
                summary.differingSyscalls += found.unexpected
                summary.expectedSyscalls += found.expected
            }
        }
        summary.differingHops = edits.filter { $0.leftIndex == nil || $0.rightIndex == nil }.count
        if summary.isEmpty {
            emit("no hop differs (\(left.count) hops" + (syscalls ? ", syscalls compared" : "") + ")"
                 + (summary.expectedSyscalls > 0 ? "; \(summary.expectedSyscalls) expected syscall differences" : ""))
        }
        return summary
    }

    /// The comparison of two whole traces as lines; for tests and small traces.
    public func compare(text a: String, _ b: String) throws -> (Summary, [String]) {
        var out: [String] = []
        let summary = try compare(TraceLineReader(bytes: Array(a.utf8)), TraceLineReader(bytes: Array(b.utf8))) { out.append($0) }
        return (summary, out)
    }
}

/// One hop of a trace as the diff compares it.
struct DiffHop {
    /// `client → dockerd POST /v1.41/containers/create`, ids normalised.
    var head: String
    /// ` = 404 Not Found`, or nothing for a lifecycle note.
    var outcome = ""
    var syscalls: [String] = []

    var key: String { head + outcome }

    /// The hops of a trace in the order of their requests, each with its status once its
    /// response is read and, with `syscalls`, the syscalls made under it; syscalls under no hop
    /// are gathered under a line of their own per participant.
    ///
    /// The journey starts at the client's first request: what comes before it is the machine
    /// starting its daemons, which a real daemon did long before (and into another file).
    /// Lifecycle events are facts noted by each process, not messages: on a real machine their
    /// order across processes is a race (the container may exit before `runc start` reports it
    /// started), so they are not compared.
    static func read(_ lines: some Sequence<ArraySlice<UInt8>>, syscalls: Bool) throws -> [DiffHop] {
        var hops: [DiffHop] = []
        var open: [String: Int] = [:]
        var outside: [String: Int] = [:]
        var journeyStarted = false
        try forEachEvent(in: lines, drawn: { $0 != .log && $0 != .lifecycle && ($0 != .syscall || syscalls) }) { event in
            if !journeyStarted {
                guard event.kind == .request, event.from == "client" else { return }
                journeyStarted = true
            }
            switch event.kind {
            case .request:
                open[event.span] = hops.count
                hops.append(DiffHop(head: event.from + " → " + event.to + " " + DiffNormal.text(event.op), outcome: " = (no response)"))
            case .response:
                guard let position = open.removeValue(forKey: event.span) else { return }
                hops[position].outcome = " = " + DiffNormal.text(event.status ?? "")
            case .lifecycle:
                return
            case .syscall:
                let line = event.from + " ▸ " + DiffNormal.text(HopLabels.syscall(event))
                if let parent = event.parent, let position = open[parent] {
                    hops[position].syscalls.append(line)
                } else if let position = outside[event.from] {
                    hops[position].syscalls.append(line)
                } else {
                    outside[event.from] = hops.count
                    hops.append(DiffHop(head: event.from + " (outside any hop)", syscalls: [line]))
                }
            case .log:
                return
            }
        }
        return hops
    }
}

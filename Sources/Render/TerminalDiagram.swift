import Trace

/// A trace as a sequence diagram for the terminal, read and drawn in one streaming pass.
///
///                  client    dockerd   containerd
///                    │          │          │
///      +0.000 ms     │─ HEAD /_ping ─▶     │
///      +0.412 ms     │◀╌╌ 200 OK ╌╌╌│      │
///
/// One lifeline per participant, in Docker's order (see `ParticipantOrder`); each request an
/// arrow from sender to receiver with its op, each response a dashed arrow back with its status,
/// each lifecycle event a note on its lifeline, and with `syscalls` on, each syscall a line
/// hanging off the lifeline of the program that made it, under the hop it served. The left
/// gutter gives the time since the trace's first event. No line is wider than `width` columns.
public struct TerminalDiagram: Sendable {
    public var width: Int
    /// ANSI colours (SGR), for a terminal that wants them.
    public var color: Bool
    public var options: DiagramOptions

    public init(width: Int = 80, color: Bool = false, options: DiagramOptions = DiagramOptions()) {
        precondition(width > 0, "a diagram is at least one column wide")
        self.width = width
        self.color = color
        self.options = options
    }

    /// The width to draw at from a `COLUMNS` value the caller read from its environment; 80 when
    /// it is absent or not a positive number, as `ls` and `git` fall back.
    public static func width(columns: String?) -> Int {
        guard let columns, let value = Int(columns), value > 0 else { return 80 }
        return value
    }

    /// Draws the diagram of `lines` (a JSON Lines trace, e.g. from a `TraceLineReader`), handing
    /// out each output line, without its newline, as soon as it is drawn.
    ///
    /// - Parameter participants: the lifelines to draw, from `ParticipantOrder.scan` over the
    ///   same trace (a first streaming pass). Without it the diagram starts with Docker's
    ///   participants, and one the trace names beyond those gets a lifeline when first met (the
    ///   header is drawn again).
    /// - Throws: `TraceLineError` for a line that is not an event, with its line number.
    public func render(
        lines: some Sequence<ArraySlice<UInt8>>, participants: ParticipantOrder? = nil,
        into emit: (String) -> Void
    ) throws {
        let initial = participants ?? ParticipantOrder(ParticipantOrder.canonical.filter { $0 != "kernel" })
        try render(lines: lines, participants: initial, origin: nil, into: emit)
    }

    /// The diagram of part of a trace: `origin` is the time of the trace's first event, so the
    /// gutter of a window reads the same as in the whole diagram (the step viewer draws windows).
    func render(
        lines: some Sequence<ArraySlice<UInt8>>, participants: ParticipantOrder, origin: Int64?,
        into emit: (String) -> Void
    ) throws {
        var canvas = TerminalCanvas(diagram: self, participants: participants, origin: origin)
        var walk = DiagramWalk(options: options)
        try forEachEvent(in: lines, drawn: options.draws) { event in
            canvas.noteTime(of: event)
            walk.take(event) { canvas.draw($0, emit: emit) }
        }
        walk.finish { canvas.draw($0, emit: emit) }
        canvas.close(emit: emit)
    }

    /// The diagram of a whole trace as text, one line per element; for tests and small traces.
    public func render(text: String) throws -> [String] {
        var out: [String] = []
        try render(lines: TraceLineReader(bytes: Array(text.utf8))) { out.append($0) }
        return out
    }
}

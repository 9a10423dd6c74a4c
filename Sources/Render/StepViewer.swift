import Trace

/// The step viewer without a terminal to drive it (`glassbox trace --step` when stdout is not a
/// TTY): every step in order, each as its arrow on the diagram followed by its panel (the
/// message and the explanation), in one streaming pass, so it can be piped and tested.
///
/// For the interactive viewer, build a `TraceIndex` and drive a `StepController`.
public struct StepViewer: Sendable {
    public var width: Int
    public var color: Bool
    /// Draws each hop's syscalls nested under its arrow, as the terminal diagram does.
    public var options: DiagramOptions
    /// At most this many lines of each message are printed.
    public var messageLimit: Int

    public init(width: Int = 80, color: Bool = false, options: DiagramOptions = DiagramOptions(), messageLimit: Int = 16) {
        precondition(width >= 20, "the step viewer needs at least 20 columns")
        self.width = width
        self.color = color
        self.options = options
        self.messageLimit = messageLimit
    }

    /// Writes every step of `lines`, one output line per call.
    ///
    /// - Parameter participants: the lifelines, from `ParticipantOrder.scan` (a first pass);
    ///   without it Docker's participants are drawn and others added when met.
    /// - Throws: `TraceLineError` for a line that is not an event.
    public func narrate(
        lines: some Sequence<ArraySlice<UInt8>>, participants: ParticipantOrder? = nil,
        into emit: (String) -> Void
    ) throws {
        let initial = participants ?? ParticipantOrder(ParticipantOrder.canonical.filter { $0 != "kernel" })
        let diagram = TerminalDiagram(width: width, color: color, options: options)
        var canvas = TerminalCanvas(diagram: diagram, participants: initial)
        var walk = DiagramWalk(options: options)
        let panel = StepPanel(width: width, color: color)
        var step = 0
        var lineNumber = 0
        try forEachEventLine(in: lines, drawn: options.draws) { event, line in
            lineNumber += 1
            canvas.noteTime(of: event)
            walk.take(event) { canvas.draw($0, emit: emit) }
            guard event.kind == .request || event.kind == .response || event.kind == .lifecycle else { return }
            let whole: TraceEvent
            do {
                whole = try TraceEvent(line: line)
            } catch {
                throw TraceLineError(lineNumber: lineNumber, reason: String(describing: error))
            }
            emit(panel.title(whole, step: step, total: nil))
            for text in DisplayText.limited(panel.message(whole), to: messageLimit) { emit(text) }
            for text in panel.explanation(Explanation.matching(whole)) { emit(text) }
            emit("")
            step += 1
        }
        walk.finish { canvas.draw($0, emit: emit) }
        canvas.close(emit: emit)
    }

    /// Every step of a whole trace, one element per line; for tests and small traces.
    public func narrate(text: String) throws -> [String] {
        var out: [String] = []
        try narrate(lines: TraceLineReader(bytes: Array(text.utf8))) { out.append($0) }
        return out
    }
}

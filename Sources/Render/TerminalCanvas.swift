import Trace

/// The drawing state of one terminal diagram: its layout, the time origin and one reusable line.
struct TerminalCanvas {
    let color: Bool
    let options: DiagramOptions
    let width: Int
    private(set) var order: ParticipantOrder
    private(set) var layout: TerminalLayout
    private var headerDrawn = false
    private var drewSteps = false
    /// The first event's time: zero on the gutter.
    private var origin: Int64?
    private var line: TerminalLine
    private var bytes: [UInt8] = []

    init(diagram: TerminalDiagram, participants: ParticipantOrder, origin: Int64? = nil) {
        self.origin = origin
        color = diagram.color
        options = diagram.options
        width = diagram.width
        order = participants
        layout = TerminalLayout(width: diagram.width, participants: participants.names)
        line = TerminalLine(width: diagram.width)
        bytes.reserveCapacity(diagram.width * 4)
    }

    mutating func noteTime(of event: DiagramEvent) {
        if origin == nil { origin = event.ts }
    }

    mutating func draw(_ step: DiagramStep, emit: (String) -> Void) {
        prepare(for: step, emit: emit)
        drewSteps = true
        switch step {
        case let .request(event): drawRequest(event, emit: emit)
        case let .response(event): drawResponse(event, emit: emit)
        case let .lifecycle(event): drawLifecycle(event, emit: emit)
        case let .syscall(event): drawSyscall(event, emit: emit)
        case let .hiddenSyscalls(hidden): drawHidden(hidden, emit: emit)
        }
    }

    /// Ends the lifelines under the last step.
    mutating func close(emit: (String) -> Void) {
        guard drewSteps else { return }
        startLine(at: nil)
        flush(emit)
    }

    /// Gives every participant of `step` a lifeline, and draws the header when it is due.
    private mutating func prepare(for step: DiagramStep, emit: (String) -> Void) {
        var grew = false
        switch step {
        case let .request(event), let .response(event):
            grew = order.add(event.from) || grew
            grew = order.add(event.to) || grew
        case let .lifecycle(event): grew = order.add(event.to)
        case let .syscall(event): grew = order.add(event.from)
        case let .hiddenSyscalls(hidden): grew = order.add(hidden.participant)
        }
        if grew {
            layout = TerminalLayout(width: width, participants: order.names)
            headerDrawn = false
        }
        guard !headerDrawn else { return }
        for row in layout.header() {
            line = row
            flush(emit)
        }
        headerDrawn = true
    }

    // MARK: lines

    /// Starts a line from the lifelines, with the time of `ts` in the gutter.
    mutating func startLine(at ts: Int64?) {
        line.reset(to: layout.lifelineRow)
        guard let ts, layout.gutter > 0 else { return }
        let label = RelativeTime.label(nanoseconds: ts - (origin ?? ts))
        line.write(label, at: layout.gutter - 1 - label.utf8.count, style: .dim)
    }

    mutating func flush(_ emit: (String) -> Void) {
        emit(line.rendered(color: color, into: &bytes))
    }

    mutating func write(_ text: String, at column: Int, style: TerminalLine.Style) {
        line.write(text, at: column, style: style)
    }

    mutating func fill(_ range: Range<Int>, with scalar: Unicode.Scalar, style: TerminalLine.Style) {
        line.fill(range, with: scalar, style: style)
    }

    mutating func put(_ scalar: Unicode.Scalar, at column: Int, style: TerminalLine.Style) {
        line.put(scalar, at: column, style: style)
    }

    /// The colour of a participant's requests: by its place in the diagram, never red (red is
    /// for failures).
    func style(of participant: String) -> TerminalLine.Style {
        let palette: [TerminalLine.Style] = [.cyan, .blue, .magenta, .yellow, .green]
        return palette[(order.names.firstIndex(of: participant) ?? 0) % palette.count]
    }
}

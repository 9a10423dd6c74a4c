import Trace

/// How each step is drawn on the terminal.
extension TerminalCanvas {
    mutating func drawRequest(_ event: DiagramEvent, emit: (String) -> Void) {
        let variants = OperationLabel.variants(of: event.op)
        let style = style(of: event.from)
        // A long op keeps its full form above the arrow rather than a shorter one on it.
        drawHop(from: event.from, to: event.to, ts: event.ts, onArrow: [variants[0]],
                above: variants, dashed: false, style: style, emit: emit)
    }

    mutating func drawResponse(_ event: DiagramEvent, emit: (String) -> Void) {
        let variants = HopLabels.responseVariants(event)
        let failed = HopLabels.isFailure(event.status ?? "ok")
        drawHop(from: event.from, to: event.to, ts: event.ts, onArrow: variants, above: variants,
                dashed: true, style: failed ? .red : .green, emit: emit)
    }

    mutating func drawLifecycle(_ event: DiagramEvent, emit: (String) -> Void) {
        let text = HopLabels.lifecycle(event)
        startLine(at: event.ts)
        place(anchored: "◆ " + text, at: column(event.to),
              named: { _ in event.to + " ◆ " + text }, style: .magenta)
        flush(emit)
    }

    mutating func drawSyscall(_ event: DiagramEvent, emit: (String) -> Void) {
        let (anchor, prefix) = syscallPlace(of: event.from)
        let failed = event.result.map(HopLabels.isFailure) ?? false
        startLine(at: event.ts)
        let text = prefix + HopLabels.syscall(event, limit: width - anchor - DisplayText.columns(prefix))
        write(text, at: anchor, style: failed ? .red : .dim)
        flush(emit)
    }

    mutating func drawHidden(_ hidden: DiagramStep.HiddenSyscalls, emit: (String) -> Void) {
        let (anchor, prefix) = syscallPlace(of: hidden.participant)
        startLine(at: nil)
        write(DisplayText.truncated(prefix + HopLabels.hiddenSyscalls(hidden.count), to: width - anchor),
              at: anchor, style: .dim)
        flush(emit)
    }

    /// Where a participant's syscall lines start: just right of its lifeline, or, when that
    /// leaves too little room (runc stands far right), at one column further left for all of
    /// them, naming the participant. Either way a hop's syscalls line up under it.
    private func syscallPlace(of participant: String) -> (column: Int, prefix: String) {
        let room = min(TerminalCanvas.syscallRoom, layout.bodyWidth)
        let lifeline = column(participant)
        if width - (lifeline + 2) >= room { return (lifeline + 2, "▸ ") }
        return (max(layout.gutter, width - room), participant + " ▸ ")
    }

    /// Columns a syscall line keeps for its text: enough for `mount("proc", "rootfs/proc", …) = 0`.
    static let syscallRoom = 56

    // MARK: placing

    private func column(_ participant: String) -> Int {
        guard let column = layout.column(of: participant) else {
            preconditionFailure("participant \(participant) was given a lifeline before drawing")
        }
        return column
    }

    /// A hop's arrow with its label on the arrow when `onArrow` has one that fits between the
    /// lifelines, or else on a line of its own above the arrow.
    private mutating func drawHop(
        from sender: String, to receiver: String, ts: Int64, onArrow: [String], above: [String],
        dashed: Bool, style: TerminalLine.Style, emit: (String) -> Void
    ) {
        let start = column(sender), end = column(receiver)
        if start == end {
            startLine(at: ts)
            place(anchored: "↻ " + above[0], at: start, named: { OperationLabel.fitting(above[0], limit: $0) },
                  namePrefix: sender + " ↻ ", style: style)
            flush(emit)
            return
        }
        let left = min(start, end), right = max(start, end)
        let interior = right - left - 1
        // The arrowhead and a dash, a space, the label, a space and two dashes.
        let label = onArrow.first { DisplayText.columns($0) + 6 <= interior }
        if label == nil {
            startLine(at: ts)
            let anchor = left + 2
            let fitting = above.first { DisplayText.columns($0) <= width - anchor }
            place(anchored: fitting, at: anchor, named: { OperationLabel.fitting(above[0], limit: $0) },
                  style: style)
            flush(emit)
        }
        startLine(at: label == nil ? nil : ts)
        fill((left + 1)..<right, with: dashed ? "╌" : "─", style: style)
        put(start < end ? "▶" : "◀", at: start < end ? right - 1 : left + 1, style: style)
        if let label {
            let columns = DisplayText.columns(label)
            let labelStart = left + 1 + (interior - columns) / 2
            put(" ", at: labelStart - 1, style: style)
            write(label, at: labelStart, style: style)
            put(" ", at: labelStart + columns, style: style)
        }
        flush(emit)
    }

    /// Writes `anchored` at `column` when it fits the line; otherwise writes the text `named`
    /// makes for the body's width, after `namePrefix`, flush right (it names its participant,
    /// since it no longer stands on its lifeline).
    private mutating func place(
        anchored: String?, at column: Int, named: (Int) -> String, namePrefix: String = "",
        style: TerminalLine.Style
    ) {
        if let anchored, column + DisplayText.columns(anchored) <= width {
            write(anchored, at: column, style: style)
            return
        }
        let limit = layout.bodyWidth - DisplayText.columns(namePrefix)
        let text = DisplayText.truncated(namePrefix + named(limit), to: layout.bodyWidth)
        let start = max(layout.gutter, width - DisplayText.columns(text))
        write(text, at: start, style: style)
    }
}

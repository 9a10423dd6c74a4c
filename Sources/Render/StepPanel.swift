import Trace

/// The panel under the diagram in the step viewer: who sent what to whom, the message made
/// readable, the syscalls under the hop when asked for, and the explanation of this kind of hop
/// with the upstream code it describes. Every line fits `width` columns.
struct StepPanel {
    let width: Int
    let color: Bool

    /// `── 12/40 · request · client → dockerd · http ──────`
    func title(_ event: TraceEvent, step: Int, total: Int?) -> String {
        let number = total.map { "\(step + 1)/\($0)" } ?? "\(step + 1)"
        var words = [number, event.kind.rawValue]
        switch event.kind {
        case .lifecycle: words.append(event.to == event.from ? event.to : event.from + " → " + event.to)
        default: words.append(event.from + " → " + event.to)
        }
        if let proto = event.proto { words.append(proto) }
        let text = "── " + words.joined(separator: " · ") + " "
        let fill = max(0, width - DisplayText.columns(text))
        return styled(DisplayText.truncated(text + String(repeating: "─", count: fill), to: width), .bold)
    }

    /// The message, as `MessageText` writes it, each line cut to the width.
    func message(_ event: TraceEvent) -> [String] {
        MessageText.lines(of: event).map { DisplayText.truncated(OperationLabel.shortenedIDs($0).displayable, to: width) }
    }

    func syscalls(_ shown: [DiagramEvent], more: Int) -> [String] {
        var out = [styled("syscalls under this hop" + (shown.isEmpty ? ": none" : ""), .dim)]
        for event in shown {
            let prefix = "  " + event.from + " ▸ "
            let room = width - DisplayText.columns(prefix)
            out.append(DisplayText.truncated(prefix + HopLabels.syscall(event, limit: room).displayable, to: width))
        }
        if more > 0 { out.append("  " + HopLabels.hiddenSyscalls(more)) }
        return out
    }

    /// The explanation: its title, its paragraph wrapped, and its source.
    func explanation(_ explanation: Explanation?) -> [String] {
        guard let explanation else { return [styled("why: (no explanation for this kind of hop)", .dim)] }
        var out = [styled(DisplayText.truncated("why: " + explanation.title, to: width), .bold)]
        out += DisplayText.wrapped(explanation.text, width: width)
        out += DisplayText.wrapped("source: " + explanation.source, width: width, indent: "  ").map { styled($0, .dim) }
        return out
    }

    /// The keys, for the last line of an interactive frame.
    var keys: String {
        styled(DisplayText.truncated("space/n/→ next · b/← back · s syscalls · g/G first/last · q quit", to: width), .dim)
    }

    private func styled(_ text: String, _ style: TerminalLine.Style) -> String {
        color ? "\u{1B}[0;\(style.rawValue)m" + text + "\u{1B}[0m" : text
    }
}

extension String {
    /// The text as it may reach a terminal: tabs as spaces, other control characters as `�`, so
    /// a message cannot move the cursor or change colours.
    var displayable: String {
        String(String.UnicodeScalarView(unicodeScalars.map(DisplayText.displayable)))
    }
}

import Trace

/// A trace as a Mermaid `sequenceDiagram` (https://mermaid.js.org/syntax/sequenceDiagram.html),
/// for documentation and anything that renders Mermaid (GitHub, GitLab, the Mermaid live editor).
///
///     sequenceDiagram
///         participant client
///         participant dockerd
///         client->>dockerd: HEAD /_ping
///         dockerd-->>client: 200 OK
///         Note over runc: start
///
/// Requests are `->>` arrows, responses `-->>`, lifecycle events `Note over`, and syscalls (when
/// asked for) `Note right of` the program that made them. Like the terminal diagram it streams:
/// each line is handed out as soon as its event is read.
public struct MermaidDiagram: Sendable {
    public var options: DiagramOptions

    public init(options: DiagramOptions = DiagramOptions()) {
        self.options = options
    }

    /// Writes the diagram of `lines`, one line per call, without newlines.
    ///
    /// - Parameter participants: declared first, in this order (from `ParticipantOrder.scan`);
    ///   without it each participant is declared just before its first use, so Mermaid orders
    ///   them by first appearance.
    /// - Throws: `TraceLineError` for a line that is not an event, with its line number.
    public func render(
        lines: some Sequence<ArraySlice<UInt8>>, participants: ParticipantOrder? = nil,
        into emit: (String) -> Void
    ) throws {
        emit("sequenceDiagram")
        var names = MermaidNames()
        for name in participants?.names ?? [] { names.declare(name, emit: emit) }
        var walk = DiagramWalk(options: options)
        try forEachEvent(in: lines, drawn: options.draws) { event in
            walk.take(event) { draw($0, names: &names, emit: emit) }
        }
        walk.finish { draw($0, names: &names, emit: emit) }
    }

    /// The diagram of a whole trace, one element per line; for tests and small traces.
    public func render(text: String) throws -> [String] {
        var out: [String] = []
        try render(lines: TraceLineReader(bytes: Array(text.utf8))) { out.append($0) }
        return out
    }

    private func draw(_ step: DiagramStep, names: inout MermaidNames, emit: (String) -> Void) {
        let indent = "    "
        switch step {
        case let .request(event):
            let from = names.declare(event.from, emit: emit), to = names.declare(event.to, emit: emit)
            emit(indent + from + "->>" + to + ": " + MermaidText.escaped(OperationLabel.shortenedIDs(event.op)))
        case let .response(event):
            let from = names.declare(event.from, emit: emit), to = names.declare(event.to, emit: emit)
            emit(indent + from + "-->>" + to + ": " + MermaidText.escaped(HopLabels.responseVariants(event)[0]))
        case let .lifecycle(event):
            let subject = names.declare(event.to, emit: emit)
            emit(indent + "Note over " + subject + ": " + MermaidText.escaped(HopLabels.lifecycle(event)))
        case let .syscall(event):
            let caller = names.declare(event.from, emit: emit)
            emit(indent + "Note right of " + caller + ": " + MermaidText.escaped(HopLabels.syscall(event)))
        case let .hiddenSyscalls(hidden):
            let caller = names.declare(hidden.participant, emit: emit)
            emit(indent + "Note right of " + caller + ": " + MermaidText.escaped(HopLabels.hiddenSyscalls(hidden.count)))
        }
    }
}

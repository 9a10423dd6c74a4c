import Trace

/// A trace as a PlantUML sequence diagram (https://plantuml.com/sequence-diagram), for tools
/// that render PlantUML (`plantuml -tpng`, IDE plugins, Confluence).
///
///     @startuml
///     participant "client" as client
///     client -> dockerd : HEAD /_ping
///     dockerd --> client : 200 OK
///     note over runc : container.created
///     @enduml
///
/// Requests are `->`, responses `-->`, lifecycle events `note over`, syscalls (when asked for)
/// `note right of` their caller. It streams like the other diagrams.
public struct PlantUMLDiagram: Sendable {
    public var options: DiagramOptions

    public init(options: DiagramOptions = DiagramOptions()) {
        self.options = options
    }

    /// Writes the diagram of `lines`, one line per call, without newlines.
    ///
    /// - Parameter participants: declared first, in this order (from `ParticipantOrder.scan`).
    /// - Throws: `TraceLineError` for a line that is not an event.
    public func render(
        lines: some Sequence<ArraySlice<UInt8>>, participants: ParticipantOrder? = nil,
        into emit: (String) -> Void
    ) throws {
        emit("@startuml")
        emit("skinparam responseMessageBelowArrow true")
        var names = PlantUMLNames()
        for name in participants?.names ?? [] { names.declare(name, emit: emit) }
        var walk = DiagramWalk(options: options)
        try forEachEvent(in: lines, drawn: options.draws) { event in
            walk.take(event) { draw($0, names: &names, emit: emit) }
        }
        walk.finish { draw($0, names: &names, emit: emit) }
        emit("@enduml")
    }

    /// The diagram of a whole trace, one element per line; for tests and small traces.
    public func render(text: String) throws -> [String] {
        var out: [String] = []
        try render(lines: TraceLineReader(bytes: Array(text.utf8))) { out.append($0) }
        return out
    }

    private func draw(_ step: DiagramStep, names: inout PlantUMLNames, emit: (String) -> Void) {
        switch step {
        case let .request(event):
            let from = names.declare(event.from, emit: emit), to = names.declare(event.to, emit: emit)
            emit(from + " -> " + to + " : " + PlantUMLNames.escaped(OperationLabel.shortenedIDs(event.op)))
        case let .response(event):
            let from = names.declare(event.from, emit: emit), to = names.declare(event.to, emit: emit)
            emit(from + " --> " + to + " : " + PlantUMLNames.escaped(HopLabels.responseVariants(event)[0]))
        case let .lifecycle(event):
            let subject = names.declare(event.to, emit: emit)
            emit("note over " + subject + " : " + PlantUMLNames.escaped(HopLabels.lifecycle(event)))
        case let .syscall(event):
            let caller = names.declare(event.from, emit: emit)
            emit("note right of " + caller + " : " + PlantUMLNames.escaped(HopLabels.syscall(event)))
        case let .hiddenSyscalls(hidden):
            let caller = names.declare(hidden.participant, emit: emit)
            emit("note right of " + caller + " : " + PlantUMLNames.escaped(HopLabels.hiddenSyscalls(hidden.count)))
        }
    }
}

/// PlantUML ids for participants (letters, digits and `_`), each declared once with its name
/// in quotes, and the escaping of message text.
struct PlantUMLNames {
    private var ids: [String: String] = [:]
    private var taken: Set<String> = []

    @discardableResult
    mutating func declare(_ name: String, emit: (String) -> Void) -> String {
        if let id = ids[name] { return id }
        var base = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? scalar : "_"
        }))
        if base.first.map({ !$0.isLetter }) ?? true { base = "p_" + base }
        var id = base, suffix = 2
        while taken.contains(id) {
            id = base + "_" + String(suffix)
            suffix += 1
        }
        ids[name] = id
        taken.insert(id)
        emit("participant \"" + PlantUMLNames.escaped(name).replacingQuotes + "\" as " + id)
        return id
    }

    /// Text that PlantUML shows as written: `~` escapes Creole markup (`**`, `--`, `__`, `//`,
    /// `""`, `~~`), a backslash would start `\n`, and control characters end the line.
    static func escaped(_ text: String) -> String {
        var out = ""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "<U+005C>"
            case "*", "-", "_", "/", "\"", "~", "=", "<", "[":
                if previous == scalar || scalar == "~" || scalar == "<" || scalar == "[" { out += "~" }
                out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
            default: out.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        return out.isEmpty ? "-" : out
    }
}

private extension String {
    var replacingQuotes: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\"" ? "'" : $0 }))
    }
}

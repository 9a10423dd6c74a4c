import Trace

/// The step viewer's state machine: the journey one hop event at a time (each request, response
/// and lifecycle note is a step). It does no terminal I/O: the caller feeds it the bytes of the
/// keys pressed and prints the frames it returns, so it can be driven by a raw-mode terminal,
/// a test, or anything else.
///
///     space, enter, n, →   next step          b, ←   previous step
///     s                    show/hide the syscalls under this hop
///     g, G                 first, last step   q      quit
///
/// A frame is the diagram up to this step (its last rows that fit), then the panel: who sent
/// what to whom, the message, the syscalls when shown, and the explanation. Only the index is
/// held; each frame reads the events it shows through `readAt`.
public struct StepController {
    public enum Command: Sendable, Equatable {
        case next, back, toggleSyscalls, first, last, quit
    }

    public let index: TraceIndex
    private let file: TraceFile
    public var width: Int
    public var height: Int
    public var color: Bool
    /// The step shown, from 0.
    public private(set) var step = 0
    public private(set) var showsSyscalls = false
    public private(set) var hasQuit = false
    /// At most this many syscalls are listed under a hop.
    public var syscallLimit = 200

    /// - Parameter readAt: reads `count` bytes at `offset` of the file the index was built
    ///   from (fewer at its end).
    public init(
        index: TraceIndex, readAt: @escaping (Int64, Int) throws -> [UInt8],
        width: Int = 80, height: Int = 24, color: Bool = false
    ) {
        precondition(width >= 20 && height >= 8, "a step frame needs at least 20 columns and 8 rows")
        self.index = index
        self.file = TraceFile(readAt: readAt)
        self.width = width
        self.height = height
        self.color = color
    }

    /// The commands in the bytes of one read from a raw-mode terminal, in order; bytes that
    /// are no key of the viewer are skipped. Arrows arrive as `ESC [ C` or `ESC O C`.
    public static func commands(in bytes: [UInt8]) -> [Command] {
        var out: [Command] = []
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x1B, position + 2 < bytes.count, bytes[position + 1] == UInt8(ascii: "[") || bytes[position + 1] == UInt8(ascii: "O") {
                switch bytes[position + 2] {
                case UInt8(ascii: "C"): out.append(.next)
                case UInt8(ascii: "D"): out.append(.back)
                default: break
                }
                position += 3
                continue
            }
            switch byte {
            case 0x20, 0x0D, 0x0A, UInt8(ascii: "n"): out.append(.next)
            case UInt8(ascii: "b"): out.append(.back)
            case UInt8(ascii: "s"): out.append(.toggleSyscalls)
            case UInt8(ascii: "g"): out.append(.first)
            case UInt8(ascii: "G"): out.append(.last)
            case UInt8(ascii: "q"), 0x03, 0x04: out.append(.quit)
            default: break
            }
            position += 1
        }
        return out
    }

    /// Applies one command. Moving past either end stays at the end.
    public mutating func apply(_ command: Command) {
        let last = max(index.count - 1, 0)
        switch command {
        case .next: step = min(step + 1, last)
        case .back: step = max(step - 1, 0)
        case .toggleSyscalls: showsSyscalls.toggle()
        case .first: step = 0
        case .last: step = last
        case .quit: hasQuit = true
        }
    }

    /// Applies the keys in `bytes` and returns the frame to show, or nil once `q` was pressed.
    public mutating func handle(keys bytes: [UInt8]) throws -> [String]? {
        for command in StepController.commands(in: bytes) {
            apply(command)
            if hasQuit { return nil }
        }
        return try frame()
    }

    /// The frame of the current step: at most `height` lines of at most `width` columns.
    public func frame() throws -> [String] {
        guard index.count > 0 else { return ["(the trace has no hops)"] }
        let panel = StepPanel(width: width, color: color)
        let diagramRows = max(4, (height - 1) * 2 / 5)
        let diagram = try diagramWindow(rows: diagramRows)
        let entry = index.entries[step]
        let event = try file.event(entry)
        let room = height - 1 - diagram.count - 1
        var syscallLines: [String] = []
        if showsSyscalls {
            let (start, end) = hopRange(entry)
            let span = event.span
            let found = try file.syscalls(under: span, from: start, to: end, limit: syscallLimit)
            syscallLines = panel.syscalls(found.shown, more: found.more)
        }
        let explanation = panel.explanation(Explanation.matching(event))
        let explanationRoom = min(explanation.count, max(3, room / 3))
        let syscallRoom = min(syscallLines.count, max(0, (room - explanationRoom) / 2))
        let messageRoom = max(0, room - explanationRoom - syscallRoom)
        var out = diagram
        out.append(panel.title(event, step: step, total: index.count))
        out += DisplayText.limited(panel.message(event), to: messageRoom)
        out += DisplayText.limited(syscallLines, to: syscallRoom)
        out += DisplayText.limited(explanation, to: explanationRoom)
        out.append(panel.keys)
        return out
    }

    /// The bytes of the file between a hop's request and its response, where the syscalls
    /// made while serving it are.
    /// Where a hop's syscalls lie in the file: from its request to its response, and a little
    /// past the response, whose event is written just before the answer's own write(2).
    private func hopRange(_ entry: TraceIndex.Entry) -> (Int64, Int64) {
        switch entry.kind {
        case .request:
            guard entry.partner >= 0 else { return (entry.offset, index.byteCount) }
            return (entry.offset, boundary(after: Int(entry.partner)))
        case .response:
            let request = entry.partner >= 0 ? index.entries[Int(entry.partner)].offset : 0
            return (request, boundary(after: step))
        default: return (entry.offset, entry.offset)
        }
    }

    /// The start of the first hop event at least `answerLookahead` bytes after the one at
    /// `position` (a line boundary), or the end of the file: other processes' events may come
    /// between a response and its answer's write(2).
    private func boundary(after position: Int) -> Int64 {
        let target = index.entries[position].offset + StepController.answerLookahead
        var next = position + 1
        while next < index.count, index.entries[next].offset < target { next += 1 }
        return next < index.count ? index.entries[next].offset : index.byteCount
    }

    static let answerLookahead: Int64 = 16 * 1024

    /// The header and the last rows of the hop-level diagram that end at this step, drawn from
    /// the few steps before it (each step draws at least one row).
    private func diagramWindow(rows: Int) throws -> [String] {
        let diagram = TerminalDiagram(width: width, color: color)
        let headerCount = TerminalLayout(width: width, participants: index.participants.names).header().count
        let first = max(0, step - rows)
        var lines: [ArraySlice<UInt8>] = []
        for position in first...step { lines.append(try file.line(index.entries[position])[...]) }
        var drawn: [String] = []
        try diagram.render(lines: lines, participants: index.participants, origin: index.origin) { drawn.append($0) }
        guard drawn.count > headerCount else { return drawn }
        let body = drawn[headerCount..<(drawn.count - 1)]
        return Array(drawn.prefix(headerCount)) + body.suffix(max(1, rows - headerCount))
    }
}

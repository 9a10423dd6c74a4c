import Trace

/// Where each step of a trace lies in its file, so a step viewer can move through a trace of
/// any size holding only this: one entry per hop event (request, response, lifecycle), none per
/// syscall. The events themselves are read back on demand through a `readAt(offset, count)`
/// closure (`pread(2)` for the CLI, a byte array for tests).
public struct TraceIndex: Sendable {
    /// One step: a hop event's place in the file.
    public struct Entry: Sendable, Equatable {
        public var offset: Int64
        public var length: Int32
        public var kind: TraceEvent.Kind
        /// For a request, the entry of its response (and the other way round); -1 when the
        /// trace does not have it.
        public var partner: Int32
    }

    public private(set) var entries: [Entry] = []
    /// The participants of the hop-level diagram, in the order the diagrams draw them.
    public private(set) var participants = ParticipantOrder()
    /// The first event's time: zero on the diagram's gutter.
    public private(set) var origin: Int64?
    /// The file's length as far as it was read.
    public private(set) var byteCount: Int64 = 0

    public var count: Int { entries.count }

    /// Builds the index in one streaming pass over `lines` (read from the start of the file,
    /// so each line's offset is where `readAt` finds it again).
    ///
    /// - Throws: `TraceLineError` for a line that is not an event.
    public init(lines: TraceLineReader) throws {
        var reader = lines
        var open: [String: Int32] = [:]
        var lineNumber = 0
        let options = DiagramOptions()
        while let line = reader.next() {
            lineNumber += 1
            byteCount = reader.lineOffset + Int64(line.count)
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let event: DiagramEvent
            do {
                event = try TraceLineDecoder.decode(line, drawn: options.draws)
            } catch let failure as TraceLineDecoder.Failure {
                throw TraceLineError(lineNumber: lineNumber, reason: failure.reason)
            }
            if origin == nil { origin = event.ts }
            guard options.draws(event.kind) else { continue }
            for name in DiagramStep.participants(of: event, options: options) { participants.add(name) }
            var entry = Entry(offset: reader.lineOffset, length: Int32(line.count), kind: event.kind, partner: -1)
            let position = Int32(entries.count)
            switch event.kind {
            case .request: open[event.span] = position
            case .response:
                if let request = open.removeValue(forKey: event.span) {
                    entry.partner = request
                    entries[Int(request)].partner = position
                }
            default: break
            }
            entries.append(entry)
        }
    }
}

/// Reads events of an indexed trace back from the file.
struct TraceFile {
    let readAt: (Int64, Int) throws -> [UInt8]

    /// The whole event of a step, `attrs` and `body` included.
    func event(_ entry: TraceIndex.Entry) throws -> TraceEvent {
        let bytes = try readAt(entry.offset, Int(entry.length))
        return try TraceEvent(line: bytes)
    }

    /// The raw line of a step.
    func line(_ entry: TraceIndex.Entry) throws -> [UInt8] {
        try readAt(entry.offset, Int(entry.length))
    }

    /// The syscalls made under `span` between two offsets (a hop's request and response), at
    /// most `limit` of them, and how many more there were. Reads the range in chunks, keeping
    /// only what it returns.
    func syscalls(under span: String, from start: Int64, to end: Int64, limit: Int) throws -> (shown: [DiagramEvent], more: Int) {
        var offset = start
        var failure: Error?
        let reader = TraceLineReader(readChunk: {
            guard offset < end, failure == nil else { return nil }
            let count = Int(min(end - offset, 64 * 1024))
            do {
                let chunk = try readAt(offset, count)
                offset += Int64(chunk.count)
                return chunk
            } catch {
                failure = error
                return nil
            }
        })
        var shown: [DiagramEvent] = [], more = 0
        try forEachEvent(in: reader, drawn: { $0 == .syscall }) { event in
            guard event.kind == .syscall, event.parent == span else { return }
            if shown.count < limit { shown.append(event) } else { more += 1 }
        }
        if let failure { throw failure }
        return (shown, more)
    }
}

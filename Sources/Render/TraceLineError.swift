import Trace

/// A line of a trace that cannot be read as an event, named by its line number (counted from 1,
/// blank lines included) so that a person can open the file at the line.
public struct TraceLineError: Error, CustomStringConvertible, Sendable {
    public let lineNumber: Int
    public let reason: String

    public init(lineNumber: Int, reason: String) {
        self.lineNumber = lineNumber
        self.reason = reason
    }

    public var description: String { "trace line \(lineNumber): \(reason)" }
}

/// Reads the events of a JSON Lines trace one at a time, in file order.
///
/// Nothing is kept between lines: each line is decoded from its bytes, handed to `body` and
/// dropped. Blank lines are skipped (they still count for line numbers). Every line is checked,
/// but only the kinds `drawn` accepts have their text decoded.
func forEachEvent(
    in lines: some Sequence<ArraySlice<UInt8>>,
    drawn: (TraceEvent.Kind) -> Bool,
    _ body: (DiagramEvent) throws -> Void
) throws {
    try forEachEventLine(in: lines, drawn: drawn) { event, _ in try body(event) }
}

/// `forEachEvent` that also hands out the line's bytes, for a reader that decodes some events
/// whole (`TraceEvent(line:)`, for their `attrs` and `body`).
func forEachEventLine(
    in lines: some Sequence<ArraySlice<UInt8>>,
    drawn: (TraceEvent.Kind) -> Bool,
    _ body: (DiagramEvent, ArraySlice<UInt8>) throws -> Void
) throws {
    var lineNumber = 0
    for line in lines {
        lineNumber += 1
        if line.allSatisfy(isJSONSpace) { continue }
        let event: DiagramEvent
        do {
            event = try TraceLineDecoder.decode(line, drawn: drawn)
        } catch let failure as TraceLineDecoder.Failure {
            throw TraceLineError(lineNumber: lineNumber, reason: failure.reason)
        }
        try body(event, line)
    }
}

private func isJSONSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
}

import Trace

/// The lifelines of a diagram, left to right: the hops of Docker's architecture in the order a
/// request travels them (client → dockerd → registry → containerd → shim → runc → container,
/// the kernel last), then any participant this list does not know, in order of first appearance.
public struct ParticipantOrder: Sendable, Equatable {
    public static let canonical = [
        "client", "dockerd", "registry", "containerd", "shim", "runc", "container", "kernel",
    ]

    public private(set) var names: [String] = []

    public init() {}

    public init(_ names: some Sequence<String>) {
        for name in names { add(name) }
    }

    public func contains(_ name: String) -> Bool { names.contains(name) }

    /// Adds `name` in its canonical place, or after every other participant when it has none.
    /// Returns whether it was new.
    @discardableResult
    public mutating func add(_ name: String) -> Bool {
        guard !names.contains(name) else { return false }
        guard let rank = ParticipantOrder.canonical.firstIndex(of: name) else {
            names.append(name)
            return true
        }
        let position = names.firstIndex { other in
            guard let otherRank = ParticipantOrder.canonical.firstIndex(of: other) else { return true }
            return otherRank > rank
        }
        names.insert(name, at: position ?? names.endIndex)
        return true
    }

    /// The participants a diagram of these lines will draw, learned by a streaming first pass
    /// over the trace (the caller reads the file twice rather than keeping it in memory).
    ///
    /// An event the diagram will not draw (a syscall, at hop level) is recognised by its `kind`
    /// alone and skipped without decoding: the drawing pass decodes and checks every line, so
    /// this pass need not.
    public static func scan(
        _ lines: some Sequence<ArraySlice<UInt8>>, options: DiagramOptions = DiagramOptions()
    ) throws -> ParticipantOrder {
        var order = ParticipantOrder()
        var lineNumber = 0
        for line in lines {
            lineNumber += 1
            if let kind = sniffKind(line), !options.draws(kind) { continue }
            do {
                try forEachEvent(in: CollectionOfOne(line), drawn: options.draws) { event in
                    for name in DiagramStep.participants(of: event, options: options) { order.add(name) }
                }
            } catch let error as TraceLineError {
                throw TraceLineError(lineNumber: lineNumber, reason: error.reason)
            }
        }
        return order
    }

    /// The value of a line's `"kind":"…"` member, found by its bytes; nil when the line does
    /// not have it in that spelling (it is then decoded in full, and any error reported).
    static func sniffKind(_ line: ArraySlice<UInt8>) -> TraceEvent.Kind? {
        let needle: [UInt8] = Array(#""kind":""#.utf8)
        return line.withUnsafeBufferPointer { bytes -> TraceEvent.Kind? in
            guard bytes.count > needle.count else { return nil }
            var index = 0
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == 0x22, bytes[index + 1] == 0x6B {  // `"k`
                    var matches = true
                    for offset in 2..<needle.count where bytes[index + offset] != needle[offset] {
                        matches = false
                        break
                    }
                    if matches {
                        let start = index + needle.count
                        var end = start
                        while end < bytes.count, bytes[end] != 0x22 { end += 1 }
                        return TraceEvent.Kind(rawValue: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                    }
                }
                index += 1
            }
            return nil
        }
    }
}

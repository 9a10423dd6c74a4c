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
    public static func scan(
        _ lines: some Sequence<ArraySlice<UInt8>>, options: DiagramOptions = DiagramOptions()
    ) throws -> ParticipantOrder {
        var order = ParticipantOrder()
        try forEachEvent(in: lines, drawn: options.draws) { event in
            for name in DiagramStep.participants(of: event, options: options) { order.add(name) }
        }
        return order
    }
}

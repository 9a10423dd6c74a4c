import Trace

/// What a diagram shows. Hop level by default: requests, responses and lifecycle events.
public struct DiagramOptions: Sendable, Equatable {
    /// Show each hop's syscalls nested under it.
    public var syscalls: Bool
    /// At most this many syscalls are drawn under one hop; the rest are counted on one line
    /// ("… 143 more syscalls"). Nil draws every one.
    public var syscallLimit: Int?

    public init(syscalls: Bool = false, syscallLimit: Int? = 12) {
        precondition(syscallLimit.map { $0 >= 0 } ?? true, "a syscall limit is a count")
        self.syscalls = syscalls
        self.syscallLimit = syscallLimit
    }

    /// Whether events of `kind` are drawn (logs are not, yet).
    func draws(_ kind: TraceEvent.Kind) -> Bool {
        switch kind {
        case .request, .response, .lifecycle: return true
        case .syscall: return syscalls
        case .log: return false
        }
    }
}

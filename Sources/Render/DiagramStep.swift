import Trace

/// One thing a diagram draws, in the trace's order. Both renderers draw the same steps, so the
/// terminal and the Mermaid diagram of one trace show the same hops.
enum DiagramStep {
    /// An arrow from the sender to the receiver of a hop.
    case request(DiagramEvent)
    /// The dashed arrow back, with the status.
    case response(DiagramEvent)
    /// A note on the lifeline of the participant that changed state.
    case lifecycle(DiagramEvent)
    /// One `Kernel` call, nested under the hop its thread was serving.
    case syscall(DiagramEvent)
    /// The syscalls of one hop beyond the limit, counted rather than drawn.
    case hiddenSyscalls(HiddenSyscalls)

    struct HiddenSyscalls {
        var participant: String
        var count: Int
        /// When the last hidden one was made.
        var ts: Int64
    }

    /// The participants an event puts on the diagram (a lifecycle event's note goes on its
    /// subject, `to`; a syscall's line on the caller, `from`).
    static func participants(of event: DiagramEvent, options: DiagramOptions) -> [String] {
        switch event.kind {
        case .request, .response: return [event.from, event.to]
        case .lifecycle: return [event.to]
        case .syscall: return options.syscalls ? [event.from] : []
        case .log: return []
        }
    }
}

/// Turns a trace into diagram steps while reading it: one event in, zero or more steps out.
///
/// The only state kept is a counter per open span for the syscall limit (dropped when the hop's
/// response goes by), so memory follows the number of hops in flight, not the trace's length.
struct DiagramWalk {
    let options: DiagramOptions
    private var syscallCounts: [String: SyscallCount] = [:]
    private var opened = 0

    private struct SyscallCount {
        var order: Int
        var shown = 0
        var hidden: DiagramStep.HiddenSyscalls?
    }

    init(options: DiagramOptions) {
        self.options = options
    }

    mutating func take(_ event: DiagramEvent, _ draw: (DiagramStep) throws -> Void) rethrows {
        switch event.kind {
        case .request: try draw(.request(event))
        case .response:
            if let hidden = syscallCounts.removeValue(forKey: event.span)?.hidden {
                try draw(.hiddenSyscalls(hidden))
            }
            try draw(.response(event))
        case .lifecycle: try draw(.lifecycle(event))
        case .syscall:
            guard options.syscalls else { return }
            if admit(event) { try draw(.syscall(event)) }
        case .log: return
        }
    }

    /// The counts still pending at the end (syscalls under a process's root span, or under a
    /// hop whose response the trace does not have), in the order their spans were first met.
    mutating func finish(_ draw: (DiagramStep) throws -> Void) rethrows {
        let pending = syscallCounts.values.filter { $0.hidden != nil }.sorted { $0.order < $1.order }
        syscallCounts = [:]
        for count in pending {
            if let hidden = count.hidden { try draw(.hiddenSyscalls(hidden)) }
        }
    }

    private mutating func admit(_ event: DiagramEvent) -> Bool {
        let key = event.parent ?? ""
        var count: SyscallCount
        if let known = syscallCounts[key] {
            count = known
        } else {
            count = SyscallCount(order: opened)
            opened += 1
        }
        defer { syscallCounts[key] = count }
        if let limit = options.syscallLimit, count.shown >= limit {
            var hidden = count.hidden ?? .init(participant: event.from, count: 0, ts: event.ts)
            hidden.count += 1
            hidden.ts = event.ts
            count.hidden = hidden
            return false
        }
        count.shown += 1
        return true
    }
}

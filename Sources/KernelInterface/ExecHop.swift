import Trace

/// The exec hop: one program starting another (containerd execs the shim, the shim execs runc),
/// traced like every other hop. The parent writes the `request` event from the argv it passes
/// to clone+execve, hands the trace context to the child in its environment (`TRACEPARENT`,
/// `TRACESTATE`, and `GLASSBOX_TRACE` so the child appends to the same trace), and writes the
/// `response` event with the exit status when it reaps the child.
public struct ExecHop: Sendable {
    public let pid: ProcessID
    public let hop: HopContext?
    public let op: String
    public let to: String
    let started: Int64

    /// Spawns `request`, adding the trace variables to its environment.
    public static func spawn(kernel: Kernel, _ request: SpawnRequest, to participant: String, inheritTraceFrom environment: [String]) throws -> ExecHop {
        var request = request
        let tracer = kernel.tracer
        let hop = tracer?.newHop()
        let traceVariables = environment.filter { $0.hasPrefix(ProcessContext.traceEnvironmentName + "=") }
        request.environment = request.environment.filter {
            !$0.hasPrefix(TraceContext.environmentName + "=") && !$0.hasPrefix(HopContext.stateEnvironmentName + "=")
                && !$0.hasPrefix(ProcessContext.traceEnvironmentName + "=")
        } + traceVariables + (hop?.environment ?? [])
        let op = request.arguments.joined(separator: " ")
        let started = kernel.clockGettime(.realtime)
        if let tracer, let hop {
            tracer.emit(kind: .request, to: participant, op: op, span: hop.hop, parent: hop.parentSpanID, proto: "exec",
                        attrs: [("path", .string(request.path))])
        }
        let pid: ProcessID
        do {
            pid = try kernel.spawn(request)
        } catch let error as Errno {
            if let tracer, let hop {
                tracer.emit(kind: .response, from: participant, to: tracer.participant, op: op, span: hop.hop,
                            parent: hop.parentSpanID, proto: "exec", status: "exec failed: \(error.name)")
            }
            throw error
        }
        return ExecHop(pid: pid, hop: hop, op: op, to: participant, started: started)
    }

    /// Writes the hop's `response` with how the child ended.
    public func finished(kernel: Kernel, _ status: WaitStatus) {
        guard let tracer = kernel.tracer, let hop else { return }
        let text: String
        switch status {
        case let .exited(code): text = "exit \(code)"
        case let .signaled(signal): text = "killed by \(signal.name)"
        }
        tracer.emit(kind: .response, from: to, to: tracer.participant, op: op, span: hop.hop, parent: hop.parentSpanID,
                    proto: "exec", status: text, dur: kernel.clockGettime(.realtime) - started)
    }
}

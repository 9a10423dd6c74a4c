import KernelInterface

extension Shell {
    /// How a command ended up: finished in the shell (a builtin, an error), or started as a
    /// child still to be waited for.
    enum Outcome {
        case finished(Int32)
        case started(ProcessID)
    }

    /// Runs `a | b | c`. Each `|` is a pipe(2) whose ends are dup2'd onto the stages' 0 and 1.
    /// Stages start from the last to the first, so a builtin writing into a pipe always has
    /// its reader running. The status is the last stage's, negated by `!`.
    ///
    /// With `wait` false (a trailing `&`) the children are left running and `$!` names the
    /// last one.
    func run(_ pipeline: Pipeline, wait: Bool) throws(Exit) -> Int32 {
        let stages = pipeline.commands
        var children: [ProcessID] = []
        var lastOutcome = Outcome.finished(0)
        var downstreamWrite: FileDescriptor?
        for index in stages.indices.reversed() {
            var plumbing: [RedirectAction] = []
            var upstreamWrite: FileDescriptor?
            var input: FileDescriptor?
            if index > 0 {
                do {
                    let ends = try kernel.pipe(closeOnExec: true)
                    input = ends.read
                    upstreamWrite = ends.write
                    plumbing.append(.duplicate(ends.read, to: .standardInput))
                } catch {
                    context.printError("sh: can't create pipe: \(describe(error))")
                    if let downstreamWrite { try? kernel.close(downstreamWrite) }
                    break
                }
            }
            if let downstreamWrite { plumbing.append(.duplicate(downstreamWrite, to: .standardOutput)) }
            let outcome: Outcome
            do {
                outcome = try run(stages[index], plumbing: plumbing, inPipeline: stages.count > 1)
            } catch {
                for fd in [input, upstreamWrite, downstreamWrite].compactMap({ $0 }) { try? kernel.close(fd) }
                throw error
            }
            if index == stages.count - 1 { lastOutcome = outcome }
            if case let .started(pid) = outcome { children.append(pid) }
            if let input { try? kernel.close(input) }
            if let downstreamWrite { try? kernel.close(downstreamWrite) }
            downstreamWrite = upstreamWrite
        }
        if !wait {
            lastBackground = children.first
            return 0
        }
        var status: Int32 = 0
        if case let .finished(code) = lastOutcome { status = code }
        for child in children {
            let ended = waitFor(child)
            if case let .started(last) = lastOutcome, last == child { status = ended }
        }
        if pipeline.negated { return status == 0 ? 1 : 0 }
        return status
    }

    /// wait4(2) for one child: its exit code, or 128 + the signal that killed it.
    func waitFor(_ pid: ProcessID) -> Int32 {
        while true {
            do {
                if let reaped = try kernel.wait4(pid, options: []) { return reaped.status.exitCode }
            } catch Errno.EINTR {
                continue
            } catch {
                return 127
            }
        }
    }
}

import CLinux
import KernelInterface

/// The baton: exactly one simulated thread runs at a time. Every Kernel call is a scheduling
/// point where, with `switchProbability`, the machine hands the baton to another ready thread
/// chosen by the seeded generator; a blocking call parks its thread until the condition it waits
/// for holds. When no thread is ready the clock jumps to the earliest timer; with no timer, the
/// run is deadlocked and ends with a report of what every thread waits for. In real-time mode
/// (`Configuration.host`) the machine instead sleeps on the host until the earliest timer or an
/// outside event, and runs the events host threads posted at every choice.
extension SimMachine {
    /// Starts `thread` as a fiber on its own stack; it runs nothing until the baton is handed
    /// to it, so the order of starts never shows in the run.
    func startHostThread(_ thread: SimThread) {
        releaseFinishedFibers()
        threads.append(thread)
        let start = Unmanaged.passRetained(HostThreadStart(machine: self, thread: thread)).toOpaque()
        thread.fiber = gb_fiber_new({ raw in
            guard let raw else { preconditionFailure("SimMachine: a fiber started without its thread") }
            let start = Unmanaged<HostThreadStart>.fromOpaque(raw).takeRetainedValue()
            return start.machine.runThread(start.thread)
        }, start)
    }

    func isReady(_ thread: SimThread) -> Bool {
        switch thread.state {
        case .runnable: return true
        case .finished: return false
        case .blocked:
            if thread.mustUnwind && !thread.waitsOutDeath { return true }
            if let deadline = thread.waitDeadline, clock.now >= deadline { return true }
            return thread.waitCondition?() ?? true
        }
    }

    /// One of the ready threads other than `excluded`, at the position `pick` chooses from
    /// their count, or nil when none is ready. The positions of the ready threads are gathered
    /// on the stack: a choice is made at every scheduling point, and an array each time costs
    /// more than the rest of the choice.
    func pickReady(excluding excluded: SimThread?, _ pick: (Int) -> Int) -> SimThread? {
        let candidates = threads
        let chosen = candidates.withUnsafeBufferPointer { threads in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: threads.count) { positions -> Int? in
                var count = 0
                for position in threads.indices {
                    // `candidates` keeps every thread alive for the whole scan, so a look at one
                    // need not retain it.
                    let ready = Unmanaged.passUnretained(threads[position])._withUnsafeGuaranteedRef { thread in
                        thread !== excluded && isReady(thread)
                    }
                    if ready {
                        positions[count] = position
                        count += 1
                    }
                }
                return count > 0 ? positions[pick(count)] : nil
            }
        }
        return chosen.map { candidates[$0] }
    }

    /// The next thread to run, or nil when no thread is left. Jumps the clock over idle time and
    /// turns a deadlock into a failure that kills every process.
    func chooseNext() -> SimThread? {
        while true {
            if threads.isEmpty { return nil }
            if outside != nil {
                clock.followHost()
                runOutsideEvents()
            }
            let chosen = pickReady(excluding: nil) { count in
                count == 1 ? 0 : Int(schedulerRandom.next() % UInt64(count))
            }
            if let chosen { return chosen }
            let deadlines = threads.compactMap { thread -> Int64? in
                if case .blocked = thread.state { return thread.waitDeadline }
                return nil
            }
            if let outside {
                // Real time: idle is not a deadlock; sleep until the next timer or a host event.
                outside.sleep(timeoutNanoseconds: deadlines.min().map { $0 - clock.now })
                continue
            }
            if let earliest = deadlines.min() {
                clock.advance(to: earliest)
                continue
            }
            // Dying threads waiting for a lock whose holder is stuck too: they give up (SimLock).
            let lingering = threads.filter(\.waitsOutDeath)
            if !lingering.isEmpty {
                for thread in lingering { thread.waitsOutDeath = false }
                continue
            }
            reportDeadlock()
        }
    }

    func reportDeadlock() {
        var lines = ["deadlock at \(clock.sinceBoot) ns after boot (seed \(configuration.seed)): every thread is blocked"]
        for thread in threads {
            let process = thread.process
            lines.append("  pid \(process.globalPID) (\(process.comm)) thread \(thread.name): \(thread.blockedReason)")
        }
        fail(lines.joined(separator: "\n"))
    }

    /// Ends the run with a failure: records it (the first one wins) and kills every process so
    /// that every thread unwinds.
    func fail(_ description: String) {
        if failure == nil { failure = description }
        for process in processes where !process.hasExited {
            terminate(process, status: .signaled(.SIGKILL))
        }
    }

    /// Hands the baton from `thread` to `next`: a switch of stacks, which returns when the baton
    /// comes back.
    func switchTo(_ next: SimThread, from thread: SimThread) {
        if next === thread { return }
        current = next
        gb_fiber_switch(fiber(of: thread), fiber(of: next))
    }

    func fiber(of thread: SimThread) -> OpaquePointer {
        guard let fiber = thread.fiber else { preconditionFailure("SimMachine: thread \(thread.name) was never started") }
        return fiber
    }

    /// A scheduling point after a call: maybe let another ready thread run.
    func yieldPoint(_ thread: SimThread) {
        guard threads.count > 1, schedulerRandom.unit() < configuration.switchProbability else { return }
        let other = pickReady(excluding: thread) { count in Int(schedulerRandom.next() % UInt64(count)) }
        if let other { switchTo(other, from: thread) }
    }

    /// Parks the calling thread until `ready` holds (or `deadline` passes, or its process dies).
    /// Throws the unwinding error when woken because its image ended.
    func block(_ thread: SimThread, _ reason: String, deadline: Int64? = nil, until ready: @escaping () -> Bool) throws {
        thread.state = .blocked
        thread.waitReason = reason
        thread.waitDeadline = deadline
        thread.waitCondition = ready
        if let next = chooseNext() { switchTo(next, from: thread) }
        thread.state = .runnable
        thread.waitCondition = nil
        if thread.mustUnwind { throw ProcessUnwind() }
    }

    /// The body of every fiber: runs the images or the body, then leaves the machine. Returns
    /// the fiber to switch to for good, so that everything this frame holds is released before
    /// the fiber ends.
    func runThread(_ thread: SimThread) -> OpaquePointer {
        var entry = thread.entry
        while !thread.mustUnwind {
            let kernel = SimKernel(machine: self, process: thread.process)
            switch entry {
            case let .image(image):
                let context = ProcessContext.start(
                    program: image.program, kernel: kernel, arguments: image.arguments, environment: image.environment)
                let status = image.program.main(context)
                context.tracer?.flush()
                if thread.pendingImage == nil, !thread.mustUnwind, thread.process.threads.first === thread {
                    terminate(thread.process, status: .exited(status & 0xFF))
                }
            case let .body(body):
                body(kernel)
            }
            guard let next = thread.pendingImage, !thread.mustUnwind else { break }
            thread.pendingImage = nil
            entry = .image(next)
        }
        return finishThread(thread)
    }

    /// Ends the calling thread from a call that cannot throw (a lock wait of a killed thread
    /// whose holder will never let go): the process is gone, so nothing its code would still do
    /// may be observed. Its stack is left as it is, never resumed, and keeps the machine.
    func abandonThread(_ thread: SimThread) -> Never {
        let next = finishThread(thread)
        gb_fiber_switch(fiber(of: thread), next)
        preconditionFailure("SimMachine: an abandoned thread was resumed")
    }

    /// Frees the fibers of threads that have ended (their stacks go back to the pool), so a long
    /// run does not keep them. Never called on one of them: an ended fiber never runs again.
    func releaseFinishedFibers() {
        for fiber in finishedFibers { gb_fiber_free(fiber) }
        finishedFibers = []
    }

    /// Removes a thread whose code has returned and chooses who gets the baton next: the fiber
    /// of the next thread, or, when no thread is left, the host thread that called `boot`.
    func finishThread(_ thread: SimThread) -> OpaquePointer {
        thread.state = .finished
        finishedFibers.append(fiber(of: thread))
        threads.removeAll { $0 === thread }
        thread.process.threads.removeAll { $0 === thread }
        if let next = chooseNext() {
            current = next
            return fiber(of: next)
        }
        current = nil
        return hostFiber
    }
}

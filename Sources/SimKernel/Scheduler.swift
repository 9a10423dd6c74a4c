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
    /// Starts the host thread of `thread`; it waits for the baton before running anything, so
    /// host start order never shows in the run.
    func startHostThread(_ thread: SimThread) {
        joinFinishedHostThreads()
        threads.append(thread)
        let start = Unmanaged.passRetained(HostThreadStart(machine: self, thread: thread)).toOpaque()
        var hostThread: UInt = 0
        let result = gb_thread_start({ raw in
            guard let raw else { return }
            let start = Unmanaged<HostThreadStart>.fromOpaque(raw).takeRetainedValue()
            start.machine.runThread(start.thread)
        }, start, &hostThread)
        precondition(result == 0, "SimMachine: cannot start a host thread (error \(result))")
        hostThreads.append(hostThread)
    }

    func isReady(_ thread: SimThread) -> Bool {
        switch thread.state {
        case .runnable: return true
        case .finished: return false
        case let .blocked(wait):
            if thread.mustUnwind { return true }
            if let deadline = wait.deadline, clock.now >= deadline { return true }
            return wait.ready()
        }
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
            let ready = threads.filter(isReady)
            if !ready.isEmpty {
                return ready.count == 1 ? ready[0] : ready[Int(schedulerRandom.next() % UInt64(ready.count))]
            }
            let deadlines = threads.compactMap { thread -> Int64? in
                if case let .blocked(wait) = thread.state { return wait.deadline }
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

    /// Hands the baton from `thread` to `next` and parks until it comes back.
    func switchTo(_ next: SimThread, from thread: SimThread) {
        if next === thread { return }
        current = next
        gb_parker_unpark(next.parker)
        gb_parker_park(thread.parker)
    }

    /// A scheduling point after a call: maybe let another ready thread run.
    func yieldPoint(_ thread: SimThread) {
        guard threads.count > 1, schedulerRandom.unit() < configuration.switchProbability else { return }
        let others = threads.filter { $0 !== thread && isReady($0) }
        guard !others.isEmpty else { return }
        switchTo(others[Int(schedulerRandom.next() % UInt64(others.count))], from: thread)
    }

    /// Parks the calling thread until `ready` holds (or `deadline` passes, or its process dies).
    /// Throws the unwinding error when woken because its image ended.
    func block(_ thread: SimThread, _ reason: String, deadline: Int64? = nil, until ready: @escaping () -> Bool) throws {
        thread.state = .blocked(SimThread.Wait(reason: reason, deadline: deadline, ready: ready))
        if let next = chooseNext() { switchTo(next, from: thread) }
        thread.state = .runnable
        if thread.mustUnwind { throw ProcessUnwind() }
    }

    /// The trampoline of every host thread: waits for the baton, runs the images or the body,
    /// then leaves the machine.
    func runThread(_ thread: SimThread) {
        gb_parker_park(thread.parker)
        thread.hostThread = gb_thread_self()
        var entry = thread.entry
        while !thread.mustUnwind {
            let kernel = SimKernel(machine: self, process: thread.process)
            switch entry {
            case let .image(image):
                let context = ProcessContext.start(
                    program: image.program, kernel: kernel, arguments: image.arguments, environment: image.environment)
                let status = image.program.main(context)
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
        finishThread(thread)
    }

    /// Joins the host threads of simulated threads that have ended, so a long run does not keep
    /// their stacks.
    func joinFinishedHostThreads() {
        guard !finishedHostThreads.isEmpty else { return }
        for hostThread in finishedHostThreads { gb_thread_join(hostThread) }
        hostThreads.removeAll { finishedHostThreads.contains($0) }
        finishedHostThreads = []
    }

    /// Removes a thread whose code has returned and passes the baton on (or, when no thread is
    /// left, back to the host thread that called `boot`).
    func finishThread(_ thread: SimThread) {
        thread.state = .finished
        finishedHostThreads.append(thread.hostThread)
        threads.removeAll { $0 === thread }
        thread.process.threads.removeAll { $0 === thread }
        gb_parker_free(thread.parker)
        if let next = chooseNext() {
            current = next
            gb_parker_unpark(next.parker)
        } else {
            current = nil
            gb_parker_unpark(hostParker)
        }
    }

    /// Ends the calling host thread from a call that cannot throw (a lock operation of a killed
    /// thread): the process is gone, so nothing its code would still do may be observed.
    func abandonThread(_ thread: SimThread) -> Never {
        finishThread(thread)
        gb_thread_exit()
    }
}

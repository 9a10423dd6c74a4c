import CLinux
import KernelInterface

/// The `Kernel` handle of one simulated process image. Every call runs atomically on the
/// machine's state on behalf of the thread holding the baton, costs 1 µs of virtual time, may
/// be failed by an injected fault, and ends at a scheduling point.
///
/// A handle belongs to one image: once the process has exec'd, exited or been killed, every
/// call through it throws the unwinding control error, so nothing the old image still does can
/// be observed.
public final class SimKernel: Kernel, @unchecked Sendable {
    let machine: SimMachine
    let process: SimProcess
    let generation: Int

    init(machine: SimMachine, process: SimProcess) {
        self.machine = machine
        self.process = process
        self.generation = process.generation
    }

    /// The thread making the call: the one holding the baton, on the host thread running the
    /// machine.
    private func callingThread() -> SimThread {
        guard let thread = machine.current, machine.hostThread == gb_thread_self() else {
            preconditionFailure("SimKernel: a Kernel call from a host thread that does not hold the simulated machine")
        }
        precondition(thread.process === process, "SimKernel: a kernel handle used by a thread of another process")
        return thread
    }

    /// A call that can fail. `counted` is false for calls on a trace file (and for exit), which
    /// faults neither count nor touch. An injected errno is thrown before the call does anything,
    /// unless `faultAfter` (close(2), which releases the descriptor even when it reports an
    /// error).
    func call<T>(counted: @autoclosure () -> Bool = true, faultAfter: Bool = false, _ body: (SimThread) throws -> T) throws -> T {
        let thread = callingThread()
        if thread.mustUnwind || process.generation != generation { throw ProcessUnwind() }
        machine.clock.tick()
        do {
            let isCounted = counted()
            if isCounted, !faultAfter { try machine.countFailableCall(thread) }
            let result = try body(thread)
            if isCounted, faultAfter { try machine.countFailableCall(thread) }
            machine.yieldPoint(thread)
            // A call that killed its own process (kill of itself, a fatal signal) does not return.
            if thread.mustUnwind { throw ProcessUnwind() }
            return result
        } catch {
            machine.yieldPoint(thread)
            throw error
        }
    }

    /// A call that cannot fail (getpid, clock_gettime…): still a scheduling point.
    func query<T>(_ body: (SimThread) -> T) -> T {
        let thread = callingThread()
        machine.clock.tick()
        let result = body(thread)
        machine.yieldPoint(thread)
        return result
    }

    func file(_ fd: FileDescriptor) throws -> OpenFile { try process.files.file(fd) }

    func isTraceFile(_ fd: FileDescriptor) -> Bool {
        guard machine.hasTraceFiles, let file = try? process.files.file(fd), case let .inode(inode) = file.object else { return false }
        return inode.host?.isTraceFile == true
    }

    /// An untraced machine skips the walk: it would only find no trace file, and every open
    /// would resolve its path twice.
    func isTracePath(_ path: String) -> Bool {
        guard machine.hasTraceFiles else { return false }
        return (try? machine.resolve(path, for: process))?.inode.host?.isTraceFile == true
    }

    func requireCapability(_ capability: Capability) throws {
        guard process.credentials.has(capability) else { throw Errno.EPERM }
    }
}

extension SimMachine {
    /// Counts a failable call of the calling process and applies a fault armed for it: the
    /// errno is thrown before the call does anything; a crash kills the process there.
    func countFailableCall(_ thread: SimThread) throws {
        let process = thread.process
        // The counter of the process's name, found once per name rather than hashed per call.
        let counter: FailableCallCounter
        if let cached = process.failableCounter, cached.comm == process.comm {
            counter = cached
        } else {
            if let existing = failableCounters[process.comm] {
                counter = existing
            } else {
                counter = FailableCallCounter(comm: process.comm)
                failableCounters[process.comm] = counter
            }
            process.failableCounter = counter
        }
        counter.count += 1
        guard !faults.isEmpty, let fault = faults.first(where: { $0.process == counter.comm && $0.call == counter.count }) else { return }
        if let errno = fault.errno { throw errno }
        terminate(process, status: .signaled(.SIGKILL))
        throw ProcessUnwind()
    }
}

/// How many failable calls the processes of one name have made: the N of a fault injected at
/// "the N-th syscall of runc".
final class FailableCallCounter {
    let comm: String
    var count = 0
    init(comm: String) { self.comm = comm }
}

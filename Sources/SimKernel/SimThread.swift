import KernelInterface

/// A simulated thread: a fiber (a stack of its own on the host thread that runs the machine)
/// that runs only while it holds the machine's baton.
/// It belongs to one process for its whole life (as a Linux task belongs to its thread group).
final class SimThread {
    /// What the thread runs: a program image (the process's first thread, and every image an
    /// execve(2) puts in its place) or the body of a `spawnThread`.
    enum Entry {
        case image(Image)
        case body(@Sendable (Kernel) -> Void)
    }

    enum State {
        case runnable
        case blocked
        case finished
    }

    let serial: Int
    let name: String
    let process: SimProcess
    /// Its `gb_fiber`, from the start of the thread until the machine frees it after its end.
    var fiber: OpaquePointer?
    var entry: Entry
    var state: State = .runnable
    /// While blocked: why, until when at the latest, and the condition that lets it go on.
    /// Separate fields rather than a payload of `state`: the scheduler asks every thread at
    /// every choice, and reads one field without copying the others.
    var waitReason = ""
    var waitDeadline: Int64?
    var waitCondition: (() -> Bool)?
    /// Set when another thread of the process replaced the image (execve(2) kills the others).
    var killed = false
    /// The image an execve(2) of this thread asked for; the trampoline runs it once the old
    /// image has unwound.
    var pendingImage: Image?

    init(serial: Int, name: String, process: SimProcess, entry: Entry) {
        self.serial = serial
        self.name = name
        self.process = process
        self.entry = entry
    }

    /// Whether the thread's next Kernel call must throw the unwinding control error.
    var mustUnwind: Bool { killed || process.hasExited }
    /// A dying thread that waits for a lock's holder to let go (SimLock): its death does not
    /// make it ready, the lock's release does.
    var waitsOutDeath = false

    var blockedReason: String {
        switch state {
        case .runnable: return "runnable"
        case .blocked: return waitReason
        case .finished: return "finished"
        }
    }
}

/// The control error that unwinds a program's stack when its process has exited, has been
/// killed, or has exec'd a new image. It is not an `Errno`: no program should handle it, and
/// every later call from the old image throws it again.
struct ProcessUnwind: Error, CustomStringConvertible {
    var description: String { "process image ended (exit, kill or execve)" }
}

/// Boxes what a new fiber needs across the C entry point.
final class HostThreadStart {
    let machine: SimMachine
    let thread: SimThread
    init(machine: SimMachine, thread: SimThread) {
        self.machine = machine
        self.thread = thread
    }
}

import CLinux
import KernelInterface

/// A simulated thread: a real host thread that runs only while it holds the machine's baton.
/// It belongs to one process for its whole life (as a Linux task belongs to its thread group).
final class SimThread {
    /// What the thread runs: a program image (the process's first thread, and every image an
    /// execve(2) puts in its place) or the body of a `spawnThread`.
    enum Entry {
        case image(Image)
        case body(@Sendable (Kernel) -> Void)
    }

    /// Why a parked thread waits, and how the scheduler tells that it may go on.
    struct Wait {
        var reason: String
        var deadline: Int64?
        var ready: () -> Bool
    }

    enum State {
        case runnable
        case blocked(Wait)
        case finished
    }

    let serial: Int
    let name: String
    let process: SimProcess
    let parker: OpaquePointer
    var entry: Entry
    var state: State = .runnable
    /// Set when another thread of the process replaced the image (execve(2) kills the others).
    var killed = false
    /// The image an execve(2) of this thread asked for; the trampoline runs it once the old
    /// image has unwound.
    var pendingImage: Image?
    var hostThread: UInt = 0

    init(serial: Int, name: String, process: SimProcess, entry: Entry) {
        self.serial = serial
        self.name = name
        self.process = process
        self.entry = entry
        self.parker = gb_parker_new()
    }

    /// Whether the thread's next Kernel call must throw the unwinding control error.
    var mustUnwind: Bool { killed || process.hasExited }

    var blockedReason: String {
        switch state {
        case .runnable: return "runnable"
        case let .blocked(wait): return wait.reason
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

/// Boxes what a new host thread needs across the C trampoline.
final class HostThreadStart {
    let machine: SimMachine
    let thread: SimThread
    init(machine: SimMachine, thread: SimThread) {
        self.machine = machine
        self.thread = thread
    }
}

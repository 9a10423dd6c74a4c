import Glibc
import KernelInterface

/// Signals a long-running host program waits for, as a daemon's main thread does with
/// sigwait(3) (dockerd's `signal.Notify` for SIGINT and SIGTERM, in Go's terms).
extension LinuxProcess {
    /// The corresponding C function is `pthread_sigmask(3)` with `SIG_BLOCK`. Call it before
    /// any thread starts: threads inherit the mask, so the signals stay pending until one
    /// thread takes them with `waitForSignal`.
    public static func blockSignals(_ signals: [Signal]) {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal.rawValue) }
        let result = pthread_sigmask(SIG_BLOCK, &set, nil)
        precondition(result == 0, "pthread_sigmask: \(Errno(rawValue: result).name)")
    }

    /// The corresponding C function is `sigwait(3)`: waits until one of `signals` (blocked with
    /// `blockSignals`) is pending, takes it and returns it.
    public static func waitForSignal(_ signals: [Signal]) -> Signal {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal.rawValue) }
        var received: Int32 = 0
        while true {
            let result = sigwait(&set, &received)
            if result == 0 { return Signal(rawValue: received) }
            precondition(result == EINTR, "sigwait: \(Errno(rawValue: result).name)")
        }
    }
}

import Glibc
import KernelInterface

extension LinuxKernel {
    /// The corresponding C function is `sigtimedwait(2)`: takes one of `signals` once it is
    /// pending (they are blocked, see `LinuxProcess.blockSignals`), nil on the timeout (EAGAIN),
    /// restarted after an interruption (EINTR).
    public func waitForSignal(_ signals: [Signal], timeoutNanoseconds: Int64) throws -> Signal? {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal.rawValue) }
        var timeout = timespec(tv_sec: Int(timeoutNanoseconds / 1_000_000_000), tv_nsec: Int(timeoutNanoseconds % 1_000_000_000))
        while true {
            let received = sigtimedwait(&set, nil, &timeout)
            if received > 0 { return Signal(rawValue: received) }
            switch errno {
            case EAGAIN: return nil
            case EINTR: continue
            default: throw Errno(rawValue: errno)
            }
        }
    }
}

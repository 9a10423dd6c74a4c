import KernelInterface

extension SimKernel {
    /// sigtimedwait(2): takes a pending signal among `signals`, waiting up to the timeout. The
    /// simulator has no signal masks: the first wait for a signal stands for the block that must
    /// come before it on Linux, and from then on the signal is held for the process (Lifecycle's
    /// `deliver`) rather than taking its default action; one sent before that first wait is
    /// lost, as an unblocked SIGWINCH is on Linux.
    public func waitForSignal(_ signals: [Signal], timeoutNanoseconds: Int64) throws -> Signal? {
        try call { thread in
            let process = thread.process
            let wanted = Set(signals.map(\.rawValue))
            process.waitedSignals.formUnion(wanted)
            // Asked at every scheduling choice while the thread waits: no set is built for it.
            let pending = { !process.pendingSignals.isDisjoint(with: wanted) }
            if !pending(), timeoutNanoseconds > 0 {
                try machine.block(thread, "sigtimedwait", deadline: machine.clock.now + timeoutNanoseconds, until: pending)
            }
            guard let number = process.pendingSignals.intersection(wanted).min() else { return nil }
            process.pendingSignals.remove(number)
            return Signal(rawValue: number)
        }
    }
}

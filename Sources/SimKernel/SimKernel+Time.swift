import KernelInterface

/// Time and randomness, all from the machine: the virtual clock and the seeded generator.
extension SimKernel {
    /// `CLOCK_REALTIME` is the virtual clock (from 2026-01-01T00:00:00Z); `CLOCK_MONOTONIC` is
    /// the time since boot.
    public func clockGettime(_ clock: ClockID) -> Int64 {
        query { _ in
            switch clock {
            case .realtime: return machine.clock.now
            case .monotonic: return machine.clock.sinceBoot
            }
        }
    }

    /// nanosleep(2): parks until the virtual clock reaches the deadline; when every thread
    /// waits, the clock jumps straight there.
    public func nanosleep(_ nanoseconds: Int64) throws {
        try call { thread in
            guard nanoseconds >= 0 else { throw Errno.EINVAL }
            let deadline = machine.clock.now + nanoseconds
            try machine.block(thread, "nanosleep until +\(nanoseconds) ns", deadline: deadline) { false }
        }
    }

    /// getrandom(2): bytes from the machine's seeded generator (never blocks, never fails).
    public func getrandom(_ count: Int) -> [UInt8] {
        query { _ in machine.dataRandom.bytes(count) }
    }
}

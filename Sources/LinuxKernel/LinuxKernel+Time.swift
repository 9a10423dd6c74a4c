import CLinux
import Glibc
import KernelInterface

/// Clocks, sleeping and randomness.
extension LinuxKernel {
    /// The corresponding C function is `clock_gettime(2)`.
    public func clockGettime(_ clock: ClockID) -> Int64 {
        var now = timespec()
        guard clock_gettime(clockid_t(clock.rawValue), &now) == 0 else {
            preconditionFailure("clock_gettime(\(clock)): \(Errno(rawValue: errno).name), a clock Linux always has")
        }
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// The corresponding C function is `nanosleep(2)`; after `EINTR` it sleeps for the time
    /// that was left, as the kernel reports it.
    public func nanosleep(_ nanoseconds: Int64) throws {
        let duration = max(nanoseconds, 0)
        var request = timespec(tv_sec: Int(duration / 1_000_000_000), tv_nsec: Int(duration % 1_000_000_000))
        var remaining = timespec()
        while Glibc.nanosleep(&request, &remaining) == -1 {
            guard errno == EINTR else { throw failure("nanosleep", errno) }
            request = remaining
        }
    }

    /// The corresponding C function is `getrandom(2)` from the urandom source; a call
    /// interrupted after some bytes continues for the rest.
    public func getrandom(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                gb_getrandom(buffer.baseAddress.map { $0 + filled }, UInt(count - filled), 0)
            }
            if result > 0 {
                filled += result
            } else if errno != EINTR {
                preconditionFailure("getrandom: \(Errno(rawValue: errno).name)")
            }
        }
        return bytes
    }
}

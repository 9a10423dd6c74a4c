import KernelInterface

/// The machine's virtual clock: it starts at 2026-01-01T00:00:00Z and moves only when the
/// simulation says so (a fixed step per Kernel call, or a jump to the next timer when every
/// thread sleeps), so two runs with the same seed read the same times.
///
/// In real-time mode (`SimMachine.Configuration.host`, for `glassbox sim serve`) it follows the
/// host kernel's clocks instead: it starts at the host's `CLOCK_REALTIME` and advances with the
/// host's `CLOCK_MONOTONIC`, never backwards, still at least 1 µs per call.
struct VirtualClock {
    static let epoch: Int64 = 1_767_225_600_000_000_000
    /// What one Kernel call costs in virtual time.
    static let callCost: Int64 = 1_000

    private(set) var now: Int64 = VirtualClock.epoch
    /// The realtime the machine booted at: the epoch, or the host's time in real-time mode.
    let bootTime: Int64
    private let host: Kernel?
    private let hostMonotonicAtBoot: Int64

    init(host: Kernel? = nil) {
        self.host = host
        bootTime = host?.clockGettime(.realtime) ?? VirtualClock.epoch
        hostMonotonicAtBoot = host?.clockGettime(.monotonic) ?? 0
        now = bootTime
    }

    /// Nanoseconds since boot, for `CLOCK_MONOTONIC` and `/proc/uptime`.
    var sinceBoot: Int64 { now - bootTime }

    mutating func tick() {
        now += VirtualClock.callCost
        if host != nil { followHost() }
    }

    mutating func advance(to deadline: Int64) { now = max(now, deadline) }

    /// Catches up with the host's monotonic clock (real-time mode only).
    mutating func followHost() {
        guard let host else { return }
        now = max(now, bootTime + host.clockGettime(.monotonic) - hostMonotonicAtBoot)
    }
}

/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64 as its authors recommend. One
/// instance chooses who runs next, another answers getrandom(2), so adding a random draw to a
/// program does not reorder the schedule.
struct Xoshiro256StarStar: RandomNumberGenerator {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    mutating func next() -> UInt64 {
        let result = Xoshiro256StarStar.rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = Xoshiro256StarStar.rotl(s.3, 45)
        return result
    }

    /// A uniform double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func bytes(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            var word = next()
            for _ in 0..<min(8, count - out.count) {
                out.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return out
    }
}

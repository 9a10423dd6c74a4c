import KernelInterface

/// `glassbox bench [--count N] [--seed S]`: container lifecycles on one simulated machine.
///
/// One machine boots (dockerd, containerd, registry), then the client runs
/// `run --rm busybox true` N times: each is a whole lifecycle — create, attach, wait, start
/// (containerd, a new shim, runc create and start), the exit, delete — through every layer,
/// untraced. The figure is wall time on the host's monotonic clock, start-up of the machine
/// included, and the time per lifecycle. See BENCHMARKS.md for the method and the results.
enum BenchCommand {
    static func run(_ arguments: [String], seed: UInt64, host: Kernel) throws {
        var count = 1000
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard flag == "--count", let value = rest.popFirst(), let number = Int(value), number > 0 else {
                throw GlobalOptions.UsageError(description: "bench takes --count N (a positive number of lifecycles)")
            }
            count = number
        }
        let discard = SimJourney.HostConnection(standardOutput: { _ in }, standardError: { bytes in try? host.writeAll(.standardError, bytes) })
        let started = host.clockGettime(.monotonic)
        let status = try SimJourney.run(command: ["run", "--rm", "busybox", "true"], seed: seed, host: discard, repeats: count)
        let elapsed = host.clockGettime(.monotonic) - started
        guard status == .exited(0) else {
            throw GlobalOptions.UsageError(description: "a lifecycle failed (\(status)); nothing measured")
        }
        let milliseconds = Double(elapsed) / 1e6
        let report = "simulated container lifecycles (run --rm busybox true), one machine, seed \(seed)\n"
            + "  lifecycles: \(count)\n"
            + "  wall:       \(format(milliseconds)) ms (machine start-up included)\n"
            + "  per run:    \(format(milliseconds / Double(count))) ms\n"
        try host.writeAll(.standardOutput, report)
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return String(rounded)
    }
}

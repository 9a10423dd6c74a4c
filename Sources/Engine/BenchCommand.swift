import KernelInterface

/// `glassbox bench [--count N] [--run]`: container lifecycles on one simulated machine.
///
/// One machine boots (dockerd, containerd, registry). Then, by default, one client process
/// drives N lifecycles through the Engine API — create, start, wait, delete, each container's
/// through every layer (containerd, a new shim, runc create, start and delete), untraced
/// (LifecycleDriver.swift). With `--run` the client is instead `glassbox run --rm busybox true`,
/// a new client process each time, with its ping and attach stream as well. The figure is
/// wall time on the host's monotonic clock, start-up of the machine and the first pull
/// included, and the time per lifecycle. See BENCHMARKS.md for the method and the results.
enum BenchCommand {
    static func run(_ arguments: [String], seed: UInt64, host: Kernel) throws {
        var count = 1000
        var viaRun = false
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            if flag == "--run" {
                viaRun = true
                continue
            }
            guard flag == "--count", let value = rest.popFirst(), let number = Int(value), number > 0 else {
                throw GlobalOptions.UsageError(description: "bench takes --count N (a positive number of lifecycles) and --run")
            }
            count = number
        }
        let discard = SimJourney.HostConnection(standardOutput: { _ in }, standardError: { bytes in try? host.writeAll(.standardError, bytes) })
        let started = host.clockGettime(.monotonic)
        let status: WaitStatus
        if viaRun {
            status = try SimJourney.run(command: ["run", "--rm", "busybox", "true"], seed: seed, host: discard, repeats: count)
        } else {
            status = try SimJourney.run(command: [String(count)], seed: seed, host: discard, client: LifecycleDriver.path) { machine in
                machine.installExecutable(LifecycleDriver.path, program: LifecycleDriver.program)
            }
        }
        let elapsed = host.clockGettime(.monotonic) - started
        guard status == .exited(0) else {
            throw GlobalOptions.UsageError(description: "a lifecycle failed (\(status)); nothing measured")
        }
        let milliseconds = Double(elapsed) / 1e6
        let what = viaRun ? "run --rm busybox true, a client process each" : "create, start, wait, delete of busybox true, one client"
        let report = "simulated container lifecycles (\(what)), one machine, seed \(seed)\n"
            + "  lifecycles: \(count)\n"
            + "  wall:       \(format(milliseconds)) ms (machine start-up and the pull included)\n"
            + "  per run:    \(format(milliseconds / Double(count))) ms\n"
        try host.writeAll(.standardOutput, report)
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return String(rounded)
    }
}

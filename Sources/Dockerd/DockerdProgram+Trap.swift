import KernelInterface

/// dockerd's signal trap (moby cmd/dockerd/trap): a thread takes SIGTERM or SIGINT (blocked in
/// every thread since the executable's start, see glassbox-dockerd's main), stops the API,
/// shuts the daemon down (Daemon+Shutdown.swift), removes the pidfile and exits 0.
///
/// Docker then stops its managed containerd gracefully (SIGTERM, then SIGKILL after 15 s);
/// here containerd and the registry get their parent-death signal (SIGKILL) when dockerd
/// exits, once the containers are stopped, which leaves nothing of theirs behind.
extension DockerdProgram {
    /// The signals the trap takes; the executable blocks them before any thread starts.
    public static let trappedSignals: [Signal] = [.SIGTERM, .SIGINT]

    /// How long the trap waits for a signal: the Kernel has no wait without a deadline, so one
    /// beyond any run (100 years). In the simulator a deadlock is still reported: the clock
    /// jumps to this deadline only when every other thread is stuck, the trap then ends, and
    /// the machine reports what the others wait for.
    static let trapWaitNanoseconds: Int64 = 100 * 365 * 86_400 * 1_000_000_000

    static func trapSignals(daemon: Daemon, kernel: Kernel) throws {
        try kernel.spawnThread(name: "signal-trap") { threadKernel in
            guard let signal = try? threadKernel.waitForSignal(trappedSignals, timeoutNanoseconds: trapWaitNanoseconds) else { return }
            shutDown(on: signal, daemon: daemon, kernel: threadKernel)
        }
    }

    /// What the trap does on a signal, in moby's order: the API stops taking connections (its
    /// sockets are removed, as Go's listener Close unlinks them), the containers are stopped,
    /// the pidfile goes, and the process exits 0.
    static func shutDown(on signal: Signal, daemon: Daemon, kernel: Kernel) {
        let name = signal == .SIGINT ? "interrupt" : "terminated"
        kernel.tracer?.lifecycle("daemon.shutdown", subject: "dockerd", attrs: [("signal", .string(signal.name))])
        report("Processing signal '\(name)'", kernel: kernel)
        for case let .unix(path) in daemon.options.hosts { try? kernel.unlink(path) }
        if !daemon.shutdown(kernel: kernel) { report("Force shutdown daemon", kernel: kernel) }
        if let pidfile = daemon.options.pidfile { try? kernel.unlink(pidfile) }
        report("Daemon shutdown complete", kernel: kernel)
        _ = try? kernel.exit(0)
    }

    /// A line on dockerd's stderr and in the trace, as dockerd's logrus lines are.
    static func report(_ message: String, kernel: Kernel) {
        kernel.tracer?.log(message)
        try? kernel.writeAll(.standardError, "glassbox-dockerd: \(message)\n")
    }
}

import KernelInterface
import SimKernel

/// Runs a client command on a new simulated machine: boots it with dockerd and the client,
/// wires the machine's console to the host's terminal and its trace file to the host file,
/// and returns the client's exit status.
public enum SimJourney {
    /// Where the simulated machine's programs append their trace; the host file behind it is
    /// the one `--trace` names.
    public static let tracePath = "/var/log/glassbox/trace.jsonl"

    /// - Parameters:
    ///   - host: the host's kernel, for the terminal and the trace file only.
    ///   - traceFile: an open host descriptor to write the trace to, or nil for no trace.
    public static func run(command: [String], seed: UInt64, host: Kernel, traceFile: FileDescriptor?,
                           configure: (SimMachine) -> Void = { _ in }) throws -> WaitStatus {
        let machine = SimMachine(SimMachine.Configuration(seed: seed))
        Installation.install(into: machine)
        machine.installHostOutput(SimInit.console.stdout) { bytes in try? host.writeAll(.standardOutput, bytes) }
        machine.installHostOutput(SimInit.console.stderr) { bytes in try? host.writeAll(.standardError, bytes) }
        machine.installHostInput(SimInit.console.stdin) { count in (try? host.read(.standardInput, count: count)) ?? [] }
        var environment: [String] = []
        if let traceFile {
            machine.installTraceFile(tracePath) { bytes in try? host.writeAll(traceFile, bytes) }
            environment.append("\(ProcessContext.traceEnvironmentName)=\(tracePath)")
        }
        configure(machine)
        return try machine.boot(
            path: "/sbin/init", arguments: ["init", "--"] + command, environment: environment,
            stdin: SimInit.console.stdin, stdout: SimInit.console.stdout, stderr: SimInit.console.stderr
        )
    }
}

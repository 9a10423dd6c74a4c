import KernelInterface
import SimKernel

/// Runs a client command on a new simulated machine: boots it with dockerd and the client,
/// wires the machine's console and trace file to the host through `HostConnection`, and returns
/// the client's exit status.
public enum SimJourney {
    /// Where the simulated machine's programs append their trace; the host writes it on.
    public static let tracePath = "/var/log/glassbox/trace.jsonl"

    /// The host ends of the machine's console and trace file.
    public struct HostConnection: Sendable {
        public var standardOutput: @Sendable ([UInt8]) -> Void
        public var standardError: @Sendable ([UInt8]) -> Void
        public var standardInput: @Sendable (Int) -> [UInt8]
        /// Receives the trace's bytes; nil runs without tracing.
        public var trace: (@Sendable ([UInt8]) -> Void)?

        public init(standardOutput: @escaping @Sendable ([UInt8]) -> Void, standardError: @escaping @Sendable ([UInt8]) -> Void,
                    standardInput: @escaping @Sendable (Int) -> [UInt8] = { _ in [] }, trace: (@Sendable ([UInt8]) -> Void)? = nil) {
            self.standardOutput = standardOutput
            self.standardError = standardError
            self.standardInput = standardInput
            self.trace = trace
        }

        /// The host's terminal and an open trace file, through the host kernel.
        public static func terminal(host: Kernel, traceFile: FileDescriptor?) -> HostConnection {
            var trace: (@Sendable ([UInt8]) -> Void)? = nil
            if let traceFile {
                trace = { bytes in try? host.writeAll(traceFile, bytes) }
            }
            return HostConnection(
                standardOutput: { bytes in try? host.writeAll(.standardOutput, bytes) },
                standardError: { bytes in try? host.writeAll(.standardError, bytes) },
                standardInput: { count in (try? host.read(.standardInput, count: count)) ?? [] },
                trace: trace
            )
        }
    }

    /// Builds the machine, lets `configure` adjust it (tests inject faults here), boots it.
    public static func run(command: [String], seed: UInt64, host: HostConnection, repeats: Int = 1, client: String? = nil,
                           configure: (SimMachine) -> Void = { _ in }) throws -> WaitStatus {
        let (machine, environment) = prepare(SimMachine.Configuration(seed: seed), host: host)
        configure(machine)
        var initArguments = ["init"]
        if repeats > 1 { initArguments += ["--repeat", String(repeats)] }
        if let client { initArguments += ["--client", client] }
        return try machine.boot(
            path: "/sbin/init", arguments: initArguments + ["--"] + command, environment: environment,
            stdin: SimInit.console.stdin, stdout: SimInit.console.stdout, stderr: SimInit.console.stderr
        )
    }

    /// A machine with the engine installed and its console and trace file wired to `host`, and
    /// the environment pid 1 starts with (the trace file's name when tracing).
    static func prepare(_ configuration: SimMachine.Configuration, host: HostConnection) -> (SimMachine, [String]) {
        let machine = SimMachine(configuration)
        Installation.install(into: machine)
        machine.installHostOutput(SimInit.console.stdout, host.standardOutput)
        machine.installHostOutput(SimInit.console.stderr, host.standardError)
        machine.installHostInput(SimInit.console.stdin, host.standardInput)
        var environment: [String] = []
        if let trace = host.trace {
            machine.installTraceFile(tracePath, trace)
            environment.append("\(ProcessContext.traceEnvironmentName)=\(tracePath)")
        }
        return (machine, environment)
    }
}

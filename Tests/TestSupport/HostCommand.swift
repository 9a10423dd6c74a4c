import KernelInterface
import LinuxKernel
import Trace

/// Runs a program of the host to its end for a test, through the real kernel: spawn(2), a
/// bounded wait4(2) poll, and the output caught in files. A run that outlives its time limit is
/// killed and reported as such, so a test fails instead of hanging or trapping.
///
/// Tests use this rather than Foundation's `Process`: `waitUntilExit` can miss the exit of a
/// child killed by a signal, and reading `terminationStatus` of a process still running traps,
/// which takes the whole test run down with it.
public struct HostCommand: Sendable {
    /// How a run ended.
    public struct Outcome: Sendable {
        /// The exit status (128 + n for a signal, as a shell reports it); nil when the run was
        /// killed at its time limit.
        public var status: Int32?
        public var stdout: String
        public var stderr: String
    }

    public static let kernel = LinuxKernel()

    /// The host's own environment, handed to children unless a test gives another.
    public static var inheritedEnvironment: [String] { LinuxProcess.environment }

    public var program: String
    public var arguments: [String]
    public var environment: [String]
    public var workingDirectory: String?
    /// What the program reads on its standard input; /dev/null when nil.
    public var input: [UInt8]?
    public var timeLimitSeconds: Int

    public init(_ program: String, _ arguments: [String], environment: [String]? = nil, workingDirectory: String? = nil,
                input: [UInt8]? = nil, timeLimitSeconds: Int = 60) {
        self.program = program
        self.arguments = arguments
        self.environment = environment ?? HostCommand.inheritedEnvironment
        self.workingDirectory = workingDirectory
        self.input = input
        self.timeLimitSeconds = timeLimitSeconds
    }

    /// Runs `program arguments…` and returns how it ended.
    public static func run(_ program: String, _ arguments: [String], environment: [String]? = nil, workingDirectory: String? = nil,
                           input: [UInt8]? = nil, timeLimitSeconds: Int = 60) throws -> Outcome {
        try HostCommand(program, arguments, environment: environment, workingDirectory: workingDirectory,
                        input: input, timeLimitSeconds: timeLimitSeconds).run()
    }

    public func run() throws -> Outcome {
        let kernel = HostCommand.kernel
        let scratch = try HostCommand.makeScratchDirectory()
        defer { try? kernel.removeAll(scratch) }
        let inPath = scratch + "/stdin", outPath = scratch + "/stdout", errPath = scratch + "/stderr"
        if let input { try kernel.writeFile(inPath, input) }
        let path = program.contains("/") ? program : try kernel.lookPath(program, environment: environment)
        let stdin = try kernel.open(input == nil ? "/dev/null" : inPath, [.readOnly, .closeOnExec], mode: 0)
        let stdout = try kernel.open(outPath, [.writeOnly, .create, .truncate, .closeOnExec], mode: 0o600)
        let stderr = try kernel.open(errPath, [.writeOnly, .create, .truncate, .closeOnExec], mode: 0o600)
        let child: ProcessID
        do {
            defer { for fd in [stdin, stdout, stderr] { try? kernel.close(fd) } }
            child = try kernel.spawn(SpawnRequest(
                path: path, arguments: [program] + arguments, environment: environment,
                fileActions: [.duplicate(stdin, to: .standardInput), .duplicate(stdout, to: .standardOutput),
                              .duplicate(stderr, to: .standardError)],
                workingDirectory: workingDirectory
            ))
        }
        var status: Int32?
        for _ in 0..<(timeLimitSeconds * 100) {
            if let (_, ended) = try kernel.wait4(child, options: .noHang) { status = ended.exitCode; break }
            try kernel.nanosleep(10_000_000)
        }
        if status == nil {
            try? kernel.kill(child, .SIGKILL)
            _ = try? kernel.wait4(child, options: [])
        }
        return Outcome(status: status, stdout: try kernel.readTextFile(outPath), stderr: try kernel.readTextFile(errPath))
    }

    /// A new private directory under /tmp for one run's files.
    static func makeScratchDirectory() throws -> String {
        let kernel = HostCommand.kernel
        let path = "/tmp/glassbox-test-\(kernel.getpid().rawValue)-\(hexString(kernel.getrandom(8)))"
        try kernel.mkdir(path, mode: 0o700)
        return path
    }
}

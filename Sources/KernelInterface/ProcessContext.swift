import Trace

/// A program Glassbox can run as a process: the engine's own five programs, the registry, and
/// the small userland the simulator's images carry. On Linux each is an executable's `main`; in
/// the simulator, exec of a file that names it runs it.
public struct Program: Sendable {
    /// The executable's name: `glassbox-runc`, `sh`, `hello` …
    public let name: String
    /// The lifeline its trace events are drawn on (`runc`); nil for programs that do not trace
    /// (what runs inside containers).
    public let participant: String?
    public let main: @Sendable (ProcessContext) -> Int32

    public init(name: String, participant: String?, main: @escaping @Sendable (ProcessContext) -> Int32) {
        self.name = name
        self.participant = participant
        self.main = main
    }
}

/// What a process starts with: its kernel handle, argv, envp and, when tracing, its tracer.
public struct ProcessContext: Sendable {
    /// The handle every call goes through; a `RecordingKernel` when tracing.
    public let kernel: Kernel
    public let arguments: [String]
    public let environment: [String]

    public init(kernel: Kernel, arguments: [String], environment: [String]) {
        self.kernel = kernel
        self.arguments = arguments
        self.environment = environment
    }

    /// The environment variable's value, from envp as the process received it.
    public func environmentValue(_ name: String) -> String? {
        let prefix = name + "="
        return environment.last(where: { $0.hasPrefix(prefix) }).map { String($0.dropFirst(prefix.count)) }
    }

    public var tracer: Tracer? { kernel.tracer }

    /// Writes to standard output (fd 1), ignoring a closed or broken one.
    public func print(_ text: String, terminator: String = "\n") {
        try? kernel.writeAll(.standardOutput, text + terminator)
    }

    /// Writes to standard error (fd 2).
    public func printError(_ text: String, terminator: String = "\n") {
        try? kernel.writeAll(.standardError, text + terminator)
    }

    /// The environment variable that names a trace file: every program started with it appends
    /// its events there.
    public static let traceEnvironmentName = "GLASSBOX_TRACE"

    /// Starts a process: when `GLASSBOX_TRACE` names a file and the program has a lifeline, opens
    /// the trace through the raw kernel and wraps the kernel in a `RecordingKernel` under the hop
    /// the process was started by (`TRACEPARENT`).
    public static func start(program: Program, kernel raw: Kernel, arguments: [String], environment: [String]) -> ProcessContext {
        let plain = ProcessContext(kernel: raw, arguments: arguments, environment: environment)
        guard let participant = program.participant,
              let path = plain.environmentValue(traceEnvironmentName), !path.isEmpty,
              let fd = try? raw.open(path, [.writeOnly, .append, .create, .closeOnExec], mode: 0o644)
        else { return plain }
        let sink = FileDescriptorTraceSink(kernel: raw, fd: fd)
        let inherited = HopContext(environment: environment)?.hop
        let tracer = Tracer(
            participant: participant, pid: raw.getpid().rawValue, sink: sink, inherited: inherited,
            clock: { [raw] in raw.clockGettime(.realtime) }, random: { [raw] in raw.getrandom($0) }
        )
        return ProcessContext(kernel: RecordingKernel(raw, tracer: tracer), arguments: arguments, environment: environment)
    }
}

/// Appends trace lines to a descriptor opened `O_APPEND`, through the raw (unrecorded) kernel so
/// that writing the trace does not itself become trace events. Lines `append`ed wait in a
/// buffer for the next `write` or `flush`, so a run of calls that neither block nor reach
/// another process (mounts, stats, a cgroup file's open, write and close) costs one write(2):
/// a write(2) was most of what an event cost. What another process can have seen is written
/// before it could react, so the file keeps every cause before its effect.
public final class FileDescriptorTraceSink: TraceSink, @unchecked Sendable {
    let kernel: Kernel
    let fd: FileDescriptor
    private let lock: KernelLock
    private var pending: [UInt8] = []

    /// Held back at most; a larger batch is written at once.
    static let bufferLimit = 32 * 1024

    public init(kernel: Kernel, fd: FileDescriptor) {
        self.kernel = kernel
        self.fd = fd
        self.lock = kernel.makeLock()
    }
    public func write(_ line: [UInt8]) {
        lock.withLock {
            if pending.isEmpty {
                try? kernel.writeAll(fd, line)
            } else {
                pending += line
                writePending()
            }
        }
    }
    public func append(_ line: [UInt8]) {
        lock.withLock {
            pending += line
            if pending.count >= Self.bufferLimit { writePending() }
        }
    }
    public func flush() {
        lock.withLock { if !pending.isEmpty { writePending() } }
    }
    private func writePending() {
        try? kernel.writeAll(fd, pending)
        pending.removeAll(keepingCapacity: true)
    }
}

extension Kernel {
    /// The tracer of this thread, when the kernel is recording.
    public var tracer: Tracer? {
        guard let recording = self as? RecordingKernel else { return nil }
        let own: Tracer = recording.tracer  // the stored property, not this extension's
        return own
    }
}

extension ProcessContext {
    /// `path` when it exists; otherwise the file of the same name next to this program's own
    /// executable (`/proc/self/exe`, else argv[0]), so that a build directory works without
    /// installing.
    public func installedOrSibling(_ path: String) -> String {
        if kernel.exists(path) { return path }
        let own = (try? kernel.readlink("/proc/self/exe")) ?? arguments.first ?? ""
        guard let slash = own.lastIndex(of: "/") else { return path }
        let name = path[path.index(after: path.lastIndex(of: "/") ?? path.startIndex)...]
        return String(own[...slash]) + name
    }
}

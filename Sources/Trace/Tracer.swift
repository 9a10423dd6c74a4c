import Synchronization

/// Where a process's trace lines go. On both kernels it is a file opened with `O_APPEND` through
/// the process's own (unrecorded) kernel handle (`FileDescriptorTraceSink`).
public protocol TraceSink: AnyObject, Sendable {
    /// One JSON Lines record, its newline included, written at once after any held back.
    func write(_ line: [UInt8])
    /// A record that may wait for the next `write` or `flush` (a syscall that neither blocks
    /// nor reaches another process).
    func append(_ line: [UInt8])
    /// Writes what `append` held back.
    func flush()
}

extension TraceSink {
    public func append(_ line: [UInt8]) { write(line) }
    public func flush() {}
}

/// A sink that keeps lines in memory, for tests.
public final class MemoryTraceSink: TraceSink, @unchecked Sendable {
    private let storage = Mutex<[String]>([])
    public init() {}
    public func write(_ line: [UInt8]) { storage.withLock { $0.append(String(decoding: line, as: UTF8.self)) } }
    public var lines: [String] { storage.withLock { $0 } }
}

/// Writes the events of one thread of one program.
///
/// Each process has one `Tracer` per thread (`forThread()`), sharing the process's sink and
/// sequence counter; the thread's tracer keeps the stack of spans it is working under, so a
/// syscall made while a hop is being served becomes that hop's child.
public final class Tracer: @unchecked Sendable {
    /// The lifeline this program draws on: `client`, `dockerd`, `containerd`, `shim`, `runc` …
    public let participant: String
    public let pid: Int32
    private let sink: TraceSink
    private let clock: @Sendable () -> Int64
    private let random: @Sendable (Int) -> [UInt8]
    private let sequence: SequenceCounter
    private let spanIDs: SpanIDs
    private let files: FileDescriptorSet
    private var stack: [TraceContext]

    /// Descriptor numbers, shared by the tracers of one process's threads.
    public final class FileDescriptorSet: Sendable {
        private let numbers = Mutex<Set<Int32>>([])
        public func insert(_ fd: Int32) { _ = numbers.withLock { $0.insert(fd) } }
        public func remove(_ fd: Int32) { _ = numbers.withLock { $0.remove(fd) } }
        public func contains(_ fd: Int32) -> Bool { numbers.withLock { $0.contains(fd) } }
    }

    final class SequenceCounter: Sendable {
        let value = Atomic<Int64>(0)
        func next() -> Int64 { value.wrappingAdd(1, ordering: .relaxed).newValue }
    }

    /// The process's span ids: SplitMix64 over a counter, from a seed of 8 random bytes drawn
    /// once through the kernel (so the simulator still decides every id). A syscall event
    /// needs a fresh span id; a getrandom(2) for each cost as much as writing the event.
    /// Distinct within the process, and as unlikely to meet another process's as random ids.
    final class SpanIDs: Sendable {
        let seed: UInt64
        let counter = Atomic<UInt64>(0)

        init(seed: [UInt8]) {
            self.seed = seed.reduce(0) { $0 << 8 | UInt64($1) }
        }

        func next() -> String {
            var z = seed &+ counter.wrappingAdd(1, ordering: .relaxed).newValue &* 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return hexString(z ^ (z >> 31))
        }
    }

    /// - Parameters:
    ///   - inherited: the context this process was started under (`TRACEPARENT`); a new trace
    ///     begins when there is none.
    ///   - clock: nanoseconds since the epoch, read through the process's `Kernel`.
    ///   - random: random bytes, read through the process's `Kernel`.
    public init(
        participant: String, pid: Int32, sink: TraceSink, inherited: TraceContext?,
        clock: @escaping @Sendable () -> Int64, random: @escaping @Sendable (Int) -> [UInt8]
    ) {
        self.participant = participant
        self.pid = pid
        self.sink = sink
        self.clock = clock
        self.random = random
        self.sequence = SequenceCounter()
        self.files = FileDescriptorSet()
        self.spanIDs = SpanIDs(seed: random(8))
        let root = inherited ?? TraceContext(traceID: hexString(random(16)), spanID: spanIDs.next())
        self.stack = [root]
    }

    private init(parent: Tracer) {
        participant = parent.participant
        pid = parent.pid
        sink = parent.sink
        clock = parent.clock
        random = parent.random
        sequence = parent.sequence
        files = parent.files
        spanIDs = parent.spanIDs
        stack = [parent.current]
    }

    /// A tracer for a new thread of this process, starting under this thread's current span.
    public func forThread() -> Tracer { Tracer(parent: self) }

    /// The span that events written now belong under.
    public var current: TraceContext { stack[stack.count - 1] }

    /// A fresh span id (16 hex digits, from `SpanIDs`).
    public func newSpanID() -> String { spanIDs.next() }

    /// A child context of the current span: what a sender puts in `traceparent` before sending.
    public func childContext() -> TraceContext {
        TraceContext(traceID: current.traceID, spanID: newSpanID())
    }

    public func now() -> Int64 { clock() }

    /// Runs `body` with `context` as the current span.
    public func withSpan<T>(_ context: TraceContext, _ body: () throws -> T) rethrows -> T {
        stack.append(context)
        defer { stack.removeLast() }
        return try body()
    }

    public func push(_ context: TraceContext) { stack.append(context) }
    public func pop() { if stack.count > 1 { stack.removeLast() } }

    /// Writes one event. `span` defaults to a new span under the current one; with a given
    /// `span`, `parent` is written as given.
    @discardableResult
    public func emit(
        kind: TraceEvent.Kind, from: String? = nil, to: String, op: String,
        span: TraceContext? = nil, parent: String? = nil, proto: String? = nil,
        status: String? = nil, args: [String]? = nil, result: String? = nil, dur: Int64? = nil,
        attrs: [(String, JSONValue)]? = nil, body: JSONValue? = nil, ts: Int64? = nil
    ) -> TraceContext {
        let context = span ?? childContext()
        // A new span hangs under the current one; a given span (a received hop) keeps the
        // parent that travelled with it.
        let parentID = span == nil ? current.spanID : parent
        let event = TraceEvent(
            seq: sequence.next(), ts: ts ?? clock(), trace: context.traceID, span: context.spanID,
            parent: parentID, kind: kind, from: from ?? participant, to: to, op: op, pid: pid,
            proto: proto, status: status, args: args, result: result, dur: dur, attrs: attrs, body: body
        )
        sink.write(event.lineBytes)
        return context
    }

    /// A syscall event under the current span. A `deferred` one may be written with the next
    /// event that is not (see `RecordingKernel.CallKind`).
    public func syscall(_ name: String, args: [String], result: String, start: Int64, end: Int64, deferred: Bool = false) {
        let event = TraceEvent(
            seq: sequence.next(), ts: start, trace: current.traceID, span: newSpanID(),
            parent: current.spanID, kind: .syscall, from: participant, to: "kernel", op: name,
            pid: pid, args: args, result: result, dur: end - start
        )
        if deferred {
            sink.append(event.lineBytes)
        } else {
            sink.write(event.lineBytes)
        }
    }

    /// Writes the events held back: before a call that may block, and when a thread or the
    /// program ends.
    public func flush() { sink.flush() }

    /// The descriptors this process opened on regular files and directories, whose reads,
    /// writes and closes neither block nor reach another process (`RecordingKernel`).
    public var fileDescriptors: FileDescriptorSet { files }

    /// A lifecycle event (a process or container changing state) under the current span.
    public func lifecycle(_ op: String, subject: String? = nil, attrs: [(String, JSONValue)]? = nil) {
        emit(kind: .lifecycle, to: subject ?? participant, op: op, attrs: attrs)
    }

    /// A log line under the current span.
    public func log(_ message: String) {
        emit(kind: .log, to: participant, op: "log", body: .string(message))
    }
}

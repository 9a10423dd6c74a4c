import KernelInterface
import OCI
import Trace
import Wire

extension Handlers {
    /// `GET /containers/{id}/logs?stdout=1&stderr=1&follow=1&tail=N&timestamps=1&since=T&until=T`
    /// (moby daemon/logs.go over the json-file driver): the log's records as multiplexed frames
    /// (raw bytes for a TTY container), optionally stamped, then with `follow` what the
    /// container writes until it stops.
    func containerLogs(_ reference: String) throws {
        let container = try container(reference)
        let wantStdout = flag("stdout"), wantStderr = flag("stderr")
        guard wantStdout || wantStderr else {
            throw DaemonError(.invalidParameter, "Bad parameters: you must choose at least one stream")
        }
        let tailText = request.queryValue("tail") ?? "all"
        let tail: Int? = tailText == "all" || tailText.isEmpty ? nil : Int(tailText)
        if tail == nil && tailText != "all" && !tailText.isEmpty {
            throw DaemonError(.invalidParameter, "invalid value for tail: \"\(tailText)\"; use a number or all")
        }
        let since = try Handlers.timestamp(request.queryValue("since"), name: "since") ?? 0
        let until = try Handlers.timestamp(request.queryValue("until"), name: "until")
        let follow = flag("follow") && until == nil
        let stamps = flag("timestamps")
        let tty = daemon.lock.withLock { container.config.Tty ?? false }
        let path = ContainerFiles(daemon: daemon, kernel: kernel).logPath(container)
        try exchange.startChunked(headers: [("Content-Type", "application/vnd.docker.raw-stream")])

        func send(_ record: LogRecord) throws {
            guard record.time >= since, until.map({ record.time <= $0 }) ?? true else { return }
            guard record.stream == .stderr ? wantStderr : wantStdout else { return }
            var payload = record.payload
            if stamps { payload = Array((Handlers.fixedTimestamp(record.time) + " ").utf8) + payload }
            try exchange.writeChunk(tty ? payload : StreamFrame.encode(record.stream, payload))
        }

        guard let fd = try? kernel.open(path, [.readOnly, .closeOnExec], mode: 0) else { return }
        defer { try? kernel.close(fd) }
        var reader = LogReader()
        var backlog = try reader.records(fd: fd, kernel: kernel)
        if let tail { backlog = Array(backlog.suffix(max(0, tail))) }
        for record in backlog { try send(record) }
        guard follow else { return }
        while true {
            let (running, writes) = daemon.lock.withLock { (container.status == .running, container.logWrites) }
            for record in try reader.records(fd: fd, kernel: kernel) { try send(record) }
            if !running { return }
            try daemon.lock.withLock { try daemon.wait(until: { container.logWrites != writes || container.status != .running }) }
        }
    }

    /// RFC 3339 with all nine digits of the fraction, as moby's jsonmessage.RFC3339NanoFixed
    /// stamps log lines (so they line up).
    static func fixedTimestamp(_ nanoseconds: Int64) -> String {
        let seconds = nanoseconds / 1_000_000_000
        let whole = Timestamp.rfc3339(nanoseconds: seconds * 1_000_000_000).dropLast()
        let fraction = String(nanoseconds - seconds * 1_000_000_000)
        return whole + "." + String(repeating: "0", count: 9 - fraction.count) + fraction + "Z"
    }

    /// A time as Docker's API takes it: Unix seconds with an optional fraction
    /// (`1700000000.5`, what the CLI sends for `--since 10m`) or RFC 3339.
    static func timestamp(_ text: String?, name: String) throws -> Int64? {
        guard let text, !text.isEmpty, text != "0" else { return nil }
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        if let seconds = Int64(parts[0]) {
            var fraction: Int64 = 0
            if parts.count > 1 {
                let digits = String(parts[1].prefix(9))
                guard let value = Int64(digits) else { throw DaemonError(.invalidParameter, "invalid value for \(name): \(text)") }
                fraction = value
                for _ in digits.count..<9 { fraction *= 10 }
            }
            return seconds * 1_000_000_000 + fraction
        }
        guard let time = RFC3339.parse(text) else { throw DaemonError(.invalidParameter, "invalid value for \(name): \(text)") }
        return time
    }
}

/// One line of a json-file log: `{"log":"hello\n","stream":"stdout","time":"…"}`.
struct LogRecord {
    let stream: StreamFrame.Stream
    let payload: [UInt8]
    let time: Int64
}

/// Reads json-file records from a log as it grows, keeping a partial last line for later.
struct LogReader {
    private var pending: [UInt8] = []

    mutating func records(fd: FileDescriptor, kernel: Kernel) throws -> [LogRecord] {
        while true {
            let bytes = try kernel.read(fd, count: 65536)
            if bytes.isEmpty { break }
            pending += bytes
        }
        guard let lastNewline = pending.lastIndex(of: 0x0A) else { return [] }
        let complete = pending[...lastNewline]
        pending = Array(pending[(lastNewline + 1)...])
        return complete.split(separator: 0x0A).compactMap { line in
            guard let json = try? JSONParser.parse(Array(line)), let log = json["log"]?.stringValue else { return nil }
            let stream: StreamFrame.Stream = json["stream"]?.stringValue == "stderr" ? .stderr : .stdout
            return LogRecord(stream: stream, payload: Array(log.utf8), time: json["time"]?.stringValue.flatMap(RFC3339.parse) ?? 0)
        }
    }
}

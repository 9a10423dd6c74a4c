import KernelInterface
import Trace
import Wire

/// The container's stdout and stderr on their way out (moby's container stream config and
/// json-file log driver): dockerd makes one FIFO per stream, which the shim opens for writing;
/// a thread per FIFO copies what arrives to every attached client, as multiplexed frames, and
/// to the container's `<id>-json.log`. When both FIFOs reach end of file the run's output is
/// complete and attached clients are released. A TTY container has one stream, the terminal's,
/// which goes to clients raw (no frames) and to the log as "stdout", as moby does.
final class OutputCopier: @unchecked Sendable {
    let stdoutPath: String
    let stderrPath: String
    private var abandoned = false
    private let lock: KernelLock

    private init(stdoutPath: String, stderrPath: String, lock: KernelLock) {
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
        self.lock = lock
    }

    static func prepare(_ container: Container, daemon: Daemon, kernel: Kernel) throws -> OutputCopier {
        let directory = daemon.fifoDirectory(container.id)
        try kernel.mkdirAll(directory, mode: 0o700)
        let tty = container.config.Tty ?? false
        let copier = OutputCopier(stdoutPath: directory + "/init-stdout", stderrPath: tty ? "" : directory + "/init-stderr", lock: daemon.lock)
        for path in [copier.stdoutPath, copier.stderrPath] where !path.isEmpty {
            if kernel.exists(path) { try kernel.unlink(path) }
            try kernel.mknod(path, kind: .fifo, mode: 0o700, major: 0, minor: 0)
        }
        try copier.startCopying(container, daemon: daemon, reopening: false, kernel: kernel)
        return copier
    }

    /// Reads again the FIFOs of a task that outlived the last dockerd (moby's restore attaches
    /// the container's stdio anew through containerd's cio): the shim still holds their write
    /// ends, so they are opened as they are, not made anew; one that is gone counts as ended.
    static func reattach(_ container: Container, daemon: Daemon, kernel: Kernel) throws {
        let directory = daemon.fifoDirectory(container.id)
        let tty = daemon.lock.withLock { container.config.Tty ?? false }
        let copier = OutputCopier(stdoutPath: directory + "/init-stdout", stderrPath: tty ? "" : directory + "/init-stderr", lock: daemon.lock)
        try copier.startCopying(container, daemon: daemon, reopening: true, kernel: kernel)
    }

    /// A thread per stream; when every one has reached end of file the run's output is
    /// complete (`outputEpoch`).
    private func startCopying(_ container: Container, daemon: Daemon, reopening: Bool, kernel: Kernel) throws {
        let copier = self
        let tty = stderrPath.isEmpty
        let logPath = ContainerFiles(daemon: daemon, kernel: kernel).logPath(container)
        let streams = [(stdoutPath, StreamFrame.Stream.stdout), (stderrPath, .stderr)].filter { !$0.0.isEmpty }
        let remaining = Remaining(count: streams.count)
        for (path, stream) in streams {
            try kernel.spawnThread(name: "copy-\(stream)") { threadKernel in
                copier.copy(path, stream: stream, raw: tty, reopening: reopening, container: container, daemon: daemon,
                            logPath: logPath, kernel: threadKernel)
                daemon.lock.withLock {
                    remaining.count -= 1
                    if remaining.count == 0 && !copier.abandoned {
                        container.outputEpoch += 1
                        daemon.lock.broadcast()
                    }
                }
            }
        }
    }

    final class Remaining: @unchecked Sendable {
        var count: Int
        init(count: Int) { self.count = count }
    }

    /// Copies one FIFO until end of file. A FIFO being reopened is opened without waiting for
    /// a writer (with none left, its first read is end of file), then read blocking.
    func copy(_ path: String, stream: StreamFrame.Stream, raw: Bool, reopening: Bool, container: Container, daemon: Daemon,
              logPath: String, kernel: Kernel) {
        let flags: OpenFlags = reopening ? [.readOnly, .nonBlocking, .closeOnExec] : [.readOnly, .closeOnExec]
        guard let fd = try? kernel.open(path, flags, mode: 0) else { return }
        defer { try? kernel.close(fd) }
        if reopening { try? kernel.setNonBlocking(fd, false) }
        let log = try? kernel.open(logPath, [.writeOnly, .append, .create, .closeOnExec], mode: 0o640)
        defer { if let log { try? kernel.close(log) } }
        while let bytes = try? kernel.read(fd, count: 32768), !bytes.isEmpty {
            if let log { try? kernel.writeAll(log, OutputCopier.logLines(bytes, stream: stream, kernel: kernel)) }
            let targets = daemon.lock.withLock {
                container.logWrites += 1
                daemon.lock.broadcast()
                return container.attached
            }
            let frame = raw ? bytes : StreamFrame.encode(stream, bytes)
            for stream in targets { stream.write(frame) }
        }
    }

    /// json-file lines: `{"log":"hello\n","stream":"stdout","time":"…"}`.
    static func logLines(_ bytes: [UInt8], stream: StreamFrame.Stream, kernel: Kernel) -> String {
        let time = Timestamp.rfc3339(nanoseconds: kernel.clockGettime(.realtime))
        var out = ""
        var line: [UInt8] = []
        func flush() {
            let record: JSONValue = .object([
                ("log", .string(String(decoding: line, as: UTF8.self))),
                ("stream", .string(stream == .stderr ? "stderr" : "stdout")), ("time", .string(time)),
            ])
            out += record.serialized + "\n"
            line.removeAll()
        }
        for byte in bytes {
            line.append(byte)
            if byte == 0x0A { flush() }
        }
        if !line.isEmpty { flush() }
        return out
    }

    /// Releases the copier threads when the shim never opened the FIFOs (a start that failed):
    /// opening each FIFO for writing and closing it gives its reader end of file.
    func abandon(kernel: Kernel) {
        lock.withLock { abandoned = true }
        for path in [stdoutPath, stderrPath] where !path.isEmpty {
            if let fd = try? kernel.open(path, [.writeOnly, .nonBlocking, .closeOnExec], mode: 0) { try? kernel.close(fd) }
        }
    }
}

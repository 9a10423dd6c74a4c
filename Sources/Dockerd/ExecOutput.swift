import KernelInterface
import Wire

/// An exec's stdout and stderr on their way to the client that started it (moby's exec stream
/// config): one FIFO per attached stream beside the container's own
/// (`<exec-root>/containerd/<container>/<exec-id>-stdout`), which the shim opens for writing
/// when the process starts; a thread per FIFO copies what arrives to the hijacked connection
/// as multiplexed frames (raw bytes from the one terminal stream of `exec -t`). Unlike the
/// container's output, nothing goes to the json-file log.
final class ExecOutput: @unchecked Sendable {
    let stdoutPath: String
    let stderrPath: String
    private let lock: KernelLock
    private var remaining = 0

    private init(stdoutPath: String, stderrPath: String, lock: KernelLock) {
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
        self.lock = lock
    }

    /// Makes the FIFOs of the streams the exec attaches (an empty path for one it does not)
    /// and starts their copiers, which block in open(2) until the shim opens the other end.
    static func prepare(_ exec: ExecInstance, directory: String, to stream: AttachedStream, daemon: Daemon, kernel: Kernel) throws -> ExecOutput {
        try kernel.mkdirAll(directory, mode: 0o700)
        let stdout = exec.config.AttachStdout == true ? directory + "/\(exec.id)-stdout" : ""
        let stderr = exec.config.AttachStderr == true && !exec.tty ? directory + "/\(exec.id)-stderr" : ""
        let output = ExecOutput(stdoutPath: stdout, stderrPath: stderr, lock: daemon.lock)
        for (path, kind) in [(stdout, StreamFrame.Stream.stdout), (stderr, .stderr)] where !path.isEmpty {
            if kernel.exists(path) { try kernel.unlink(path) }
            try kernel.mknod(path, kind: .fifo, mode: 0o700, major: 0, minor: 0)
            output.lock.withLock { output.remaining += 1 }
            try kernel.spawnThread(name: "exec-copy-\(kind)") { threadKernel in
                output.copy(path, kind: kind, raw: exec.tty, to: stream, kernel: threadKernel)
            }
        }
        return output
    }

    private func copy(_ path: String, kind: StreamFrame.Stream, raw: Bool, to stream: AttachedStream, kernel: Kernel) {
        if let fd = try? kernel.open(path, [.readOnly, .closeOnExec], mode: 0) {
            while let bytes = try? kernel.read(fd, count: 32768), !bytes.isEmpty {
                stream.write(raw ? bytes : StreamFrame.encode(kind, bytes))
            }
            try? kernel.close(fd)
        }
        lock.withLock {
            remaining -= 1
            lock.broadcast()
        }
    }

    /// Blocks until every copier reached end of file: the process and everything that shared
    /// its stdio are done writing.
    func waitUntilDrained() {
        try? lock.withLock { while remaining > 0 { try lock.wait() } }  // throws only when dockerd is dying
    }

    /// Releases copiers still blocked in open(2) (a start that failed before the shim opened
    /// the FIFOs) by opening each for writing and closing it, retried for up to a second in
    /// case a copier has not reached its open yet; then removes the FIFOs.
    func finish(kernel: Kernel) {
        for _ in 0..<1000 {
            for path in [stdoutPath, stderrPath] where !path.isEmpty {
                if let fd = try? kernel.open(path, [.writeOnly, .nonBlocking, .closeOnExec], mode: 0) { try? kernel.close(fd) }
            }
            if lock.withLock({ remaining == 0 }) { break }
            try? kernel.nanosleep(1_000_000)
        }
        for path in [stdoutPath, stderrPath] where !path.isEmpty { try? kernel.unlink(path) }
    }
}

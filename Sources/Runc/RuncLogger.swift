import KernelInterface
import Trace

/// runc's logrus set-up (main.go `configLogrus`): lines go to `--log` (opened `O_APPEND`) or to
/// standard error, as JSON (`{"level":"error","msg":"…","time":"…"}`, keys sorted as logrus's
/// JSONFormatter writes them) or as text (`time="…" level=error msg="…"`). The shim reads the
/// last `"level":"error"` line of log.json to tell containerd why runc failed.
struct RuncLogger {
    enum Format: String { case json, text }
    enum Level: String { case debug, info, warning, error }

    let kernel: Kernel
    let fd: FileDescriptor
    let format: Format
    let debugEnabled: Bool

    /// Opens `--log` when given; the descriptor is close-on-exec, so `runc init` and the
    /// container never inherit it.
    static func open(kernel: Kernel, options: GlobalOptions) throws -> RuncLogger {
        var fd = FileDescriptor.standardError
        if let path = options.logPath {
            do {
                fd = try kernel.open(path, [.writeOnly, .append, .create, .closeOnExec], mode: 0o644)
            } catch let errno as Errno {
                throw RuncError.syscall(errno, "open \(path)", stage: "runc/log")
            }
        }
        return RuncLogger(kernel: kernel, fd: fd, format: options.logFormat, debugEnabled: options.debug)
    }

    func debug(_ message: String) { if debugEnabled { write(.debug, message) } }
    func warning(_ message: String) { write(.warning, message) }
    func error(_ message: String) { write(.error, message) }

    func write(_ level: Level, _ message: String) {
        // logrus's default timestamp layout is RFC 3339 to the second.
        let now = kernel.clockGettime(.realtime)
        let time = Timestamp.rfc3339(nanoseconds: now - now % 1_000_000_000)
        var line: String
        switch format {
        case .json:
            line = JSONValue.object([
                ("level", .string(level.rawValue)), ("msg", .string(message)), ("time", .string(time)),
            ]).serialized
        case .text:
            var quoted = ""
            JSONValue.writeString(message, to: &quoted)
            line = "time=\"\(time)\" level=\(level.rawValue) msg=\(quoted)"
        }
        line += "\n"
        try? kernel.writeAll(fd, line)
    }
}

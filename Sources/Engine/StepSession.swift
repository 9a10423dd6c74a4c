import KernelInterface
import Render

/// `glassbox trace --step` on a terminal: raw mode, one frame per key press (space/enter next,
/// `b` back, `s` syscalls, `g`/`G` first/last, `q` quit), the terminal restored on the way out.
enum StepSession {
    static func run(path: String, width: Int, environment: [String], color: Bool, host: Kernel) throws {
        let index = try TraceIndex(lines: TraceCommand.lines(path, host: host))
        let fd = try TraceCommand.open(path, host: host)
        defer { try? host.close(fd) }
        let rows = environment.last(where: { $0.hasPrefix("LINES=") }).flatMap { Int($0.dropFirst(6)) }
            ?? (try? host.windowSize(.standardOutput)).map { Int($0.rows) } ?? 24
        var controller = StepController(index: index, readAt: { offset, count in
            _ = try host.lseek(fd, offset: offset, whence: 0)
            return try host.read(fd, count: count)
        }, width: width, height: max(rows, 8), color: color)
        try host.setTerminalRaw(.standardInput, true)
        defer {
            try? host.setTerminalRaw(.standardInput, false)
            try? host.writeAll(.standardOutput, "\n")
        }
        var frame = try controller.frame()
        while true {
            // Raw mode: lines end in CR LF; the screen is cleared and redrawn per frame.
            try host.writeAll(.standardOutput, "\u{1B}[H\u{1B}[2J" + frame.joined(separator: "\r\n"))
            let keys = try host.read(.standardInput, count: 16)
            if keys.isEmpty { return }
            guard let next = try controller.handle(keys: keys) else { return }
            frame = next
        }
    }
}

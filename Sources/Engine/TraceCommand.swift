import KernelInterface
import Render

/// `glassbox trace [--syscalls] [--format F] [--width N] [--step] FILE` and
/// `glassbox trace diff [--syscalls] A B`: draws, exports, steps through or compares traces.
/// Files are read in chunks (twice when the participants must be known first), never whole.
enum TraceCommand {
    static let formats = ["text", "mermaid", "plantuml", "chrome", "otlp", "html"]

    struct Options {
        var syscalls = false
        var format = "text"
        var width: Int?
        var color = false
        var step = false
        /// How many syscalls to show under one hop before "… N more"; nil shows all.
        var syscallLimit: Int? = 12
        var paths: [String] = []
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--syscalls": options.syscalls = true
            case "--color": options.color = true
            case "--step": options.step = true
            case "--syscall-limit":
                guard let value = rest.popFirst(), let limit = Int(value), limit >= 0 else {
                    throw GlobalOptions.UsageError(description: "--syscall-limit takes a number of syscalls per hop (0 shows them all)")
                }
                options.syscalls = true
                options.syscallLimit = limit == 0 ? nil : limit
            case "--format", "-f":
                guard let value = rest.popFirst(), formats.contains(value) else {
                    throw GlobalOptions.UsageError(description: "--format takes one of " + formats.joined(separator: ", "))
                }
                options.format = value
            case "--width", "-w":
                guard let value = rest.popFirst(), let width = Int(value), width >= 40 else {
                    throw GlobalOptions.UsageError(description: "--width takes a number of columns, at least 40")
                }
                options.width = width
            default:
                if argument.hasPrefix("-") { throw GlobalOptions.UsageError(description: "unknown flag for trace: \(argument)") }
                options.paths.append(argument)
            }
        }
        return options
    }

    /// Returns the exit status: 0, or 1 when `trace diff` found differing hops.
    static func run(_ arguments: [String], environment: [String], host: Kernel) throws -> Int32 {
        if arguments.first == "diff" {
            let options = try parse(Array(arguments.dropFirst()))
            guard options.paths.count == 2 else {
                throw GlobalOptions.UsageError(description: "\"trace diff\" compares two traces: glassbox trace diff sim.jsonl real.jsonl")
            }
            let output = BufferedOutput(host: host)
            let summary = try TraceDiff(syscalls: options.syscalls).compare(
                try lines(options.paths[0], host: host), try lines(options.paths[1], host: host),
                names: (options.paths[0], options.paths[1]), into: output.line)
            output.flush()
            return summary.isEmpty ? 0 : 1
        }
        let options = try parse(arguments)
        guard options.paths.count == 1, let path = options.paths.first else {
            throw GlobalOptions.UsageError(description: "\"trace\" draws one trace file: glassbox trace hello.jsonl")
        }
        let columns = environment.last(where: { $0.hasPrefix("COLUMNS=") }).map { String($0.dropFirst(8)) }
        let width = options.width ?? TerminalDiagram.width(columns: columns ?? (try? host.windowSize(.standardOutput)).map { String($0.columns) })
        let diagramOptions = DiagramOptions(syscalls: options.syscalls, syscallLimit: options.syscallLimit)
        let output = BufferedOutput(host: host)
        defer { output.flush() }
        if options.step {
            if host.isatty(.standardInput) && host.isatty(.standardOutput) {
                output.flush()
                try StepSession.run(path: path, width: width, environment: environment, color: options.color, host: host)
            } else {
                let participants = try ParticipantOrder.scan(try lines(path, host: host), options: diagramOptions)
                try StepViewer(width: width, color: options.color, options: diagramOptions)
                    .narrate(lines: try lines(path, host: host), participants: participants, into: output.line)
            }
            return 0
        }
        switch options.format {
        case "mermaid", "plantuml", "text":
            let participants = try ParticipantOrder.scan(try lines(path, host: host), options: diagramOptions)
            let source = try lines(path, host: host)
            if options.format == "mermaid" {
                try MermaidDiagram(options: diagramOptions).render(lines: source, participants: participants, into: output.line)
            } else if options.format == "plantuml" {
                try PlantUMLDiagram(options: diagramOptions).render(lines: source, participants: participants, into: output.line)
            } else {
                try TerminalDiagram(width: width, color: options.color, options: diagramOptions)
                    .render(lines: source, participants: participants, into: output.line)
            }
        case "chrome":
            try ChromeTrace(syscalls: true).render(lines: try lines(path, host: host), into: output.text)
        case "otlp":
            try OTLPTrace(syscalls: true).render(lines: try lines(path, host: host), into: output.text)
        default:
            try HTMLPage(title: "Glassbox trace: " + path).render(lines: try lines(path, host: host), into: output.text)
        }
        return 0
    }

    /// The lines of a trace file, read through the host kernel 64 KiB at a time.
    static func lines(_ path: String, host: Kernel) throws -> TraceLineReader {
        let fd = try open(path, host: host)
        var closed = false
        return TraceLineReader(readChunk: {
            if closed { return nil }
            guard let bytes = try? host.read(fd, count: 65536), !bytes.isEmpty else {
                closed = true
                try? host.close(fd)
                return nil
            }
            return bytes
        })
    }

    static func open(_ path: String, host: Kernel) throws -> FileDescriptor {
        do {
            return try host.open(path, [.readOnly, .closeOnExec], mode: 0)
        } catch let error as Errno {
            throw GlobalOptions.UsageError(description: "cannot read trace \(path): \(error.message)")
        }
    }
}

/// Standard output in 64 KiB writes: a million-event diagram is a million lines.
final class BufferedOutput {
    let host: Kernel
    private var buffer: [UInt8] = []

    init(host: Kernel) { self.host = host }

    func line(_ text: String) {
        self.text(text)
        buffer.append(0x0A)
    }

    func text(_ text: String) {
        buffer += Array(text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        try? host.writeAll(.standardOutput, buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

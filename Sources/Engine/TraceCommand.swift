import KernelInterface
import Render

/// `glassbox trace [--syscalls] [--format text|mermaid] [--width N] FILE`: draws a trace as a
/// sequence diagram. The file is read twice in chunks (participants first, then the diagram),
/// never held whole.
enum TraceCommand {
    struct Options {
        var syscalls = false
        var format = "text"
        var width: Int?
        var color = false
        var path = ""
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--syscalls": options.syscalls = true
            case "--color": options.color = true
            case "--format", "-f":
                guard let value = rest.popFirst(), ["text", "mermaid"].contains(value) else {
                    throw GlobalOptions.UsageError(description: "--format takes text or mermaid")
                }
                options.format = value
            case "--width", "-w":
                guard let value = rest.popFirst(), let width = Int(value), width >= 40 else {
                    throw GlobalOptions.UsageError(description: "--width takes a number of columns, at least 40")
                }
                options.width = width
            default:
                if argument.hasPrefix("-") { throw GlobalOptions.UsageError(description: "unknown flag for trace: \(argument)") }
                guard options.path.isEmpty else { throw GlobalOptions.UsageError(description: "trace takes one file") }
                options.path = argument
            }
        }
        guard !options.path.isEmpty else {
            throw GlobalOptions.UsageError(description: "\"trace\" requires a trace file: glassbox trace hello.jsonl")
        }
        return options
    }

    static func run(_ arguments: [String], environment: [String], host: Kernel) throws {
        let options = try parse(arguments)
        let columns = environment.last(where: { $0.hasPrefix("COLUMNS=") }).map { String($0.dropFirst(8)) }
        let diagramOptions = DiagramOptions(syscalls: options.syscalls)
        let participants = try ParticipantOrder.scan(try lines(options.path, host: host), options: diagramOptions)
        var output: [UInt8] = []
        let emit = { (line: String) in
            output += Array(line.utf8)
            output.append(0x0A)
            if output.count > 1 << 16 {
                try? host.writeAll(.standardOutput, output)
                output.removeAll(keepingCapacity: true)
            }
        }
        if options.format == "mermaid" {
            try MermaidDiagram(options: diagramOptions).render(lines: try lines(options.path, host: host), participants: participants, into: emit)
        } else {
            let width = options.width ?? TerminalDiagram.width(columns: columns)
            try TerminalDiagram(width: width, color: options.color, options: diagramOptions)
                .render(lines: try lines(options.path, host: host), participants: participants, into: emit)
        }
        try host.writeAll(.standardOutput, output)
    }

    /// The lines of a trace file, read through the host kernel 64 KiB at a time.
    static func lines(_ path: String, host: Kernel) throws -> TraceLineReader {
        let fd: FileDescriptor
        do {
            fd = try host.open(path, [.readOnly, .closeOnExec], mode: 0)
        } catch let error as Errno {
            throw GlobalOptions.UsageError(description: "cannot read trace \(path): \(error.message)")
        }
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
}

import Client
import KernelInterface

/// The `glassbox` executable: global options, then either `trace` (drawn here) or a client
/// command run on the chosen kernel. With the simulated kernel (the default) the whole engine
/// boots inside this process as a simulated machine.
public enum GlassboxCommand {
    public static let usage = """
    Usage:  glassbox [--seed N] [--trace FILE] [--kernel sim|linux] COMMAND

    Glassbox rebuilds Docker's architecture so that you can watch every hop:
    the client, dockerd, containerd, containerd-shim and runc.

    Global options:
      --seed N          seed of the simulated machine (ids, timing, scheduling); default 1
      --trace FILE      write every hop and kernel call as JSON Lines to FILE
      --kernel KIND     sim (default: a simulated machine, no root needed) or linux

    Commands:
      run IMAGE [CMD]   create and run a container (glassbox run hello-world)
      trace FILE        draw a trace as a sequence diagram (--syscalls, --step,
                        --format text|mermaid|plantuml|chrome|otlp|html)
      trace diff A B    compare two traces hop by hop, ignoring ids and times
      bench             time container lifecycles on one simulated machine (--count N, --run)
      sim serve         keep one simulated machine running and serve its Engine API
                        on a UNIX socket for the real docker CLI (--socket PATH,
                        default /tmp/glassbox-sim.sock)
    """

    /// - Parameter host: the host's kernel (the real one), used for the terminal and files.
    public static func main(arguments: [String], environment: [String], host: Kernel) -> Int32 {
        let options: GlobalOptions
        do {
            options = try GlobalOptions.parse(Array(arguments.dropFirst()))
        } catch {
            try? host.writeAll(.standardError, "glassbox: \(error)\n")
            return 125
        }
        guard let command = options.command.first, command != "--help", command != "help" else {
            try? host.writeAll(options.command.isEmpty ? .standardError : .standardOutput, usage + "\n")
            return options.command.isEmpty ? 1 : 0
        }
        if command == "trace" {
            do {
                return try TraceCommand.run(Array(options.command.dropFirst()), environment: environment, host: host)
            } catch {
                try? host.writeAll(.standardError, "glassbox trace: \(error)\n")
                return 1
            }
        }
        if command == "sim" {
            let rest = Array(options.command.dropFirst())
            guard rest.first == "serve" else {
                try? host.writeAll(.standardError, "Usage:  glassbox sim serve [--socket PATH]   (glassbox sim serve --help)\n")
                return rest.first == "--help" ? 0 : 125
            }
            return ServeCommand.run(Array(rest.dropFirst()), global: options, host: host)
        }
        if command == "bench" {
            do {
                try BenchCommand.run(Array(options.command.dropFirst()), seed: options.seed, host: host)
                return 0
            } catch {
                try? host.writeAll(.standardError, "glassbox bench: \(error)\n")
                return 1
            }
        }
        var traceFile: FileDescriptor?
        // On the simulated kernel the host writes the machine's trace: a new file. On Linux each
        // program appends its own events (dockerd may be writing to the same file).
        if let path = options.tracePath, options.kernel == .sim {
            do {
                traceFile = try host.open(path, [.writeOnly, .create, .truncate, .closeOnExec], mode: 0o644)
            } catch let error as Errno {
                try? host.writeAll(.standardError, "glassbox: cannot write trace \(path): \(error.message)\n")
                return 125
            } catch {
                return 125
            }
        }
        defer { if let traceFile { try? host.close(traceFile) } }
        switch options.kernel {
        case .sim:
            do {
                if SimJourney.wantsTerminal(options.command), host.isatty(.standardInput) {
                    return try SimJourney.runOnTerminal(command: options.command, seed: options.seed, host: host, traceFile: traceFile).exitCode
                }
                return try SimJourney.run(command: options.command, seed: options.seed,
                                          host: .terminal(host: host, traceFile: traceFile)).exitCode
            } catch {
                try? host.writeAll(.standardError, "glassbox: the simulated machine failed: \(error)\n")
                return 125
            }
        case .linux:
            var childEnvironment = environment
            if let path = options.tracePath {
                childEnvironment.append("\(ProcessContext.traceEnvironmentName)=\(path)")
            }
            let context = ProcessContext.start(program: ClientProgram.program, kernel: host,
                                               arguments: ["glassbox"] + options.command, environment: childEnvironment)
            return ClientProgram.program.main(context)
        }
    }
}

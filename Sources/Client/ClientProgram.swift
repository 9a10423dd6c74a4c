import KernelInterface
import Wire

/// `glassbox`, the client: parses docker-style commands and speaks the Docker Engine API to
/// dockerd over its socket, as the docker CLI does.
public enum ClientProgram {
    public static let program = Program(name: "glassbox", participant: "client") { context in
        ClientProgram.main(context)
    }

    static func main(_ context: ProcessContext) -> Int32 {
        try? context.kernel.ignoreSignal(.SIGPIPE, true)
        var arguments = Array(context.arguments.dropFirst())
        var host: String? = nil
        while let first = arguments.first, first.hasPrefix("-") {
            if first == "-H" || first == "--host", arguments.count > 1 {
                host = arguments[1]
                arguments.removeFirst(2)
            } else if first.hasPrefix("--host=") {
                host = String(first.dropFirst(7))
                arguments.removeFirst()
            } else if first == "--help" || first == "-h" {
                context.print(ClientProgram.usage)
                return 0
            } else {
                context.printError("glassbox: unknown flag: \(first)\nSee 'glassbox --help'.")
                return 125
            }
        }
        guard let command = arguments.first else {
            context.printError(ClientProgram.usage)
            return 1
        }
        let daemon: DaemonAddress
        do {
            daemon = try DaemonAddress(flag: host, environment: context)
        } catch {
            context.printError("glassbox: \(error)")
            return 125
        }
        let client = EngineClient(kernel: context.kernel, daemon: daemon)
        let rest = Array(arguments.dropFirst())
        switch command {
        case "run": return RunCommand.execute(rest, client: client, context: context)
        case "container" where rest.first == "run": return RunCommand.execute(Array(rest.dropFirst()), client: client, context: context)
        default:
            context.printError("glassbox: '\(command)' is not a glassbox command.\nSee 'glassbox --help'")
            return 1
        }
    }

    static let usage = """
    Usage:  glassbox [OPTIONS] COMMAND

    A container engine that shows every hop: client, dockerd, containerd, shim, runc.

    Options:
      -H, --host string   Daemon socket to connect to (default: $GLASSBOX_HOST, $DOCKER_HOST,
                          or unix:///run/glassbox.sock)

    Commands:
      run         Create and run a new container from an image
    """
}

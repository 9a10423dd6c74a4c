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
        return dispatch(command, Array(arguments.dropFirst()), client: client, context: context)
    }

    /// The commands by name, with docker's management forms (`container ls`, `image rm` …).
    static let commands: [String: any ClientCommand.Type] = [
        "create": CreateCommand.self, "start": StartCommand.self, "stop": StopCommand.self, "kill": KillCommand.self,
        "restart": RestartCommand.self, "rm": RmCommand.self, "ps": PsCommand.self, "logs": LogsCommand.self,
        "inspect": InspectCommand.self, "wait": WaitCommand.self, "top": TopCommand.self, "rename": RenameCommand.self,
        "pull": PullCommand.self, "import": ImportCommand.self, "images": ImagesCommand.self, "rmi": RmiCommand.self,
        "tag": TagCommand.self, "history": HistoryCommand.self, "version": VersionCommand.self, "info": InfoCommand.self,
        "events": EventsCommand.self, "exec": ExecCommand.self,
    ]

    static let containerForms: [String: String] = [
        "create": "create", "start": "start", "stop": "stop", "kill": "kill", "restart": "restart", "rm": "rm",
        "remove": "rm", "ls": "ps", "list": "ps", "ps": "ps", "logs": "logs", "inspect": "inspect", "wait": "wait",
        "top": "top", "rename": "rename", "exec": "exec",
    ]

    static let imageForms: [String: String] = [
        "pull": "pull", "import": "import", "ls": "images", "list": "images", "rm": "rmi", "remove": "rmi",
        "tag": "tag", "history": "history", "inspect": "inspect",
    ]

    static func dispatch(_ command: String, _ rest: [String], client: EngineClient, context: ProcessContext) -> Int32 {
        switch command {
        case "run": return RunCommand.execute(rest, client: client, context: context)
        case "container", "image", "system":
            guard let sub = rest.first else {
                context.printError("Usage:  glassbox \(command) COMMAND\nSee 'glassbox \(command) --help'.")
                return 1
            }
            let remaining = Array(rest.dropFirst())
            if command == "container" && sub == "run" { return RunCommand.execute(remaining, client: client, context: context) }
            if command == "container" && sub == "prune" {
                return PruneCommand.execute(remaining, name: "container prune", client: client, context: context)
            }
            let forms = command == "container" ? containerForms : command == "image" ? imageForms : ["info": "info", "events": "events"]
            guard let name = forms[sub], let type = commands[name] else { return unknown("\(command) \(sub)", context: context) }
            var arguments = remaining
            if name == "inspect" { arguments = ["--type", command] + arguments }
            return type.execute(arguments, name: "\(command) \(sub)", client: client, context: context)
        default:
            guard let type = commands[command] else { return unknown(command, context: context) }
            return type.execute(rest, name: command, client: client, context: context)
        }
    }

    static func unknown(_ command: String, context: ProcessContext) -> Int32 {
        context.printError("glassbox: '\(command)' is not a glassbox command.\nSee 'glassbox --help'")
        return 1
    }

    static let usage = """
    Usage:  glassbox [OPTIONS] COMMAND

    A container engine that shows every hop: client, dockerd, containerd, shim, runc.

    Options:
      -H, --host string   Daemon socket to connect to (default: $GLASSBOX_HOST, $DOCKER_HOST,
                          or unix:///run/glassbox.sock)

    Commands:
      run         Create and run a new container from an image
      create      Create a new container
      start       Start one or more stopped containers
      stop        Stop one or more running containers
      kill        Kill one or more running containers
      restart     Restart one or more containers
      rm          Remove one or more containers
      rename      Rename a container
      ps          List containers
      logs        Fetch the logs of a container
      inspect     Return low-level information on containers and images
      wait        Block until one or more containers stop, then print their exit codes
      top         Display the running processes of a container
      exec        Execute a command in a running container
      pull        Download an image from a registry
      import      Import the contents from a tarball to create a filesystem image
      images      List images
      rmi         Remove one or more images
      tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
      history     Show the history of an image
      version     Show the Glassbox version information
      info        Display system-wide information
      events      Get real time events from the server

    Management Commands:
      container   Manage containers (container ls, container rm, container prune …)
      image       Manage images (image ls, image rm, image pull …)
    """
}

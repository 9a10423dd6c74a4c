import Wire

/// `glassbox run [OPTIONS] IMAGE [COMMAND] [ARG...]`, with the docker CLI's flag names.
struct RunOptions {
    var detach = false
    var interactive = false
    var tty = false
    var remove = false
    var name: String?
    var environment: [String] = []
    var workingDirectory: String?
    var user: String?
    var entrypoint: String?
    var hostname: String?
    var memory: Int64?
    var pidsLimit: Int64?
    var nanoCPUs: Int64?
    var image = ""
    var command: [String] = []

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses flags up to the image name; everything after the image is the command.
    static func parse(_ arguments: [String]) throws -> RunOptions {
        var options = RunOptions()
        var rest = arguments[...]
        func value(_ flag: String, _ inline: String?) throws -> String {
            if let inline { return inline }
            guard let next = rest.popFirst() else { throw UsageError(description: "flag needs an argument: \(flag)") }
            return next
        }
        while let argument = rest.first, argument.hasPrefix("-"), argument != "-" {
            rest.removeFirst()
            if argument == "--" { break }
            var flag = argument
            var inline: String? = nil
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            switch flag {
            case "-d", "--detach": options.detach = true
            case "-i", "--interactive": options.interactive = true
            case "-t", "--tty": options.tty = true
            case "-it", "-ti": options.interactive = true; options.tty = true
            case "--rm": options.remove = true
            case "--name": options.name = try value(flag, inline)
            case "-e", "--env": options.environment.append(try value(flag, inline))
            case "-w", "--workdir": options.workingDirectory = try value(flag, inline)
            case "-u", "--user": options.user = try value(flag, inline)
            case "--entrypoint": options.entrypoint = try value(flag, inline)
            case "-h", "--hostname": options.hostname = try value(flag, inline)
            case "-m", "--memory":
                let text = try value(flag, inline)
                guard let bytes = parseBytes(text) else { throw UsageError(description: "invalid argument \"\(text)\" for \"-m, --memory\" flag: invalid size: '\(text)'") }
                options.memory = bytes
            case "--pids-limit":
                let text = try value(flag, inline)
                guard let limit = Int64(text) else { throw UsageError(description: "invalid argument \"\(text)\" for \"--pids-limit\" flag: strconv.ParseInt: parsing \"\(text)\": invalid syntax") }
                options.pidsLimit = limit
            case "--cpus":
                let text = try value(flag, inline)
                guard let cpus = Double(text), cpus >= 0 else { throw UsageError(description: "invalid argument \"\(text)\" for \"--cpus\" flag: failed to parse \(text) as a rational number") }
                options.nanoCPUs = Int64(cpus * 1e9)
            default:
                throw UsageError(description: "unknown flag: \(flag)")
            }
        }
        guard let image = rest.popFirst() else {
            throw UsageError(description: "\"run\" requires at least 1 argument.")
        }
        options.image = image
        options.command = Array(rest)
        return options
    }

    /// docker's RAMInBytes: a number with an optional b, k, m, g suffix (binary units).
    static func parseBytes(_ text: String) -> Int64? {
        let lower = text.lowercased()
        let units: [(String, Int64)] = [("kb", 1 << 10), ("mb", 1 << 20), ("gb", 1 << 30), ("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30), ("b", 1)]
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            guard let number = Double(lower.dropLast(suffix.count)), number >= 0 else { return nil }
            return Int64(number * Double(factor))
        }
        return Int64(lower)
    }

    /// The create request's body, as the docker CLI fills it.
    var createRequest: ContainerCreateRequest {
        var config = ContainerConfig(Image: image, Cmd: command.isEmpty ? nil : command)
        config.Hostname = hostname ?? ""
        config.User = user ?? ""
        config.AttachStdin = interactive
        config.AttachStdout = !detach
        config.AttachStderr = !detach
        config.Tty = tty
        config.OpenStdin = interactive
        config.StdinOnce = interactive && !detach
        config.Env = environment.isEmpty ? nil : environment
        config.WorkingDir = workingDirectory ?? ""
        config.Entrypoint = entrypoint.map { $0.isEmpty ? [] : [$0] }
        var host = HostConfig()
        host.AutoRemove = remove
        host.NetworkMode = "default"
        host.RestartPolicy = RestartPolicy()
        host.Memory = memory ?? 0
        host.PidsLimit = pidsLimit ?? 0
        host.NanoCpus = nanoCPUs ?? 0
        return ContainerCreateRequest(config: config, hostConfig: host)
    }

    /// `hello-world` → (`hello-world`, `latest`), as the CLI splits a reference for the pull.
    var imageNameAndTag: (name: String, tag: String) {
        if image.contains("@") { return (image, "") }
        if let colon = image.lastIndex(of: ":"), !image[colon...].contains("/") {
            return (String(image[..<colon]), String(image[image.index(after: colon)...]))
        }
        return (image, "latest")
    }
}

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
    var labels: [String] = []
    var restart: String?
    var image = ""
    var command: [String] = []

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    static let parser = FlagParser([
        .bool("detach", "d"), .bool("interactive", "i"), .bool("tty", "t"), .bool("rm"), .value("name"),
        .value("env", "e"), .value("workdir", "w"), .value("user", "u"), .value("entrypoint"), .value("hostname", "h"),
        .value("memory", "m"), .value("pids-limit"), .value("cpus"), .value("label", "l"), .value("restart"),
    ], interspersed: false)

    /// Parses flags up to the image name; everything after the image is the command.
    static func parse(_ arguments: [String], command: String = "run") throws -> RunOptions {
        let parsed = try parser.parse(arguments)
        var options = RunOptions()
        options.detach = parsed.bool("detach")
        options.interactive = parsed.bool("interactive")
        options.tty = parsed.bool("tty")
        options.remove = parsed.bool("rm")
        options.name = parsed.value("name")
        options.environment = parsed.all("env")
        options.workingDirectory = parsed.value("workdir")
        options.user = parsed.value("user")
        options.entrypoint = parsed.value("entrypoint")
        options.hostname = parsed.value("hostname")
        options.labels = parsed.all("label")
        options.restart = parsed.value("restart")
        if let text = parsed.value("memory") {
            guard let bytes = parseBytes(text) else { throw UsageError(description: "invalid argument \"\(text)\" for \"-m, --memory\" flag: invalid size: '\(text)'") }
            options.memory = bytes
        }
        if let text = parsed.value("pids-limit") {
            guard let limit = Int64(text) else { throw UsageError(description: "invalid argument \"\(text)\" for \"--pids-limit\" flag: strconv.ParseInt: parsing \"\(text)\": invalid syntax") }
            options.pidsLimit = limit
        }
        if let text = parsed.value("cpus") {
            guard let cpus = Double(text), cpus >= 0 else { throw UsageError(description: "invalid argument \"\(text)\" for \"--cpus\" flag: failed to parse \(text) as a rational number") }
            options.nanoCPUs = Int64(cpus * 1e9)
        }
        guard let image = parsed.arguments.first else {
            throw UsageError(description: "\"\(command)\" requires at least 1 argument.")
        }
        options.image = image
        options.command = Array(parsed.arguments.dropFirst())
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
        config.Labels = Dictionary(labels.map { label in
            let parts = label.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }, uniquingKeysWith: { $1 })
        var host = HostConfig()
        host.AutoRemove = remove
        host.NetworkMode = "default"
        let policy = (restart ?? "no").split(separator: ":", maxSplits: 1).map(String.init)
        host.RestartPolicy = RestartPolicy(Name: policy.first ?? "no", MaximumRetryCount: policy.count > 1 ? Int(policy[1]) ?? 0 : 0)
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

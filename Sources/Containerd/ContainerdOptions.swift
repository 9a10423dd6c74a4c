/// containerd's command line: `--address`, `--root`, `--state` (and `-c/--config`, accepted and
/// ignored: Glassbox's containerd reads no configuration file).
struct ContainerdOptions: Sendable {
    var address = "/run/glassbox/containerd/containerd.sock"
    /// Persistent data: the container metadata.
    var root = "/var/lib/glassbox/containerd"
    /// Runtime state: task bundles.
    var state = "/run/glassbox/containerd"
    /// The shim to exec: installed, or next to this containerd (resolved at start).
    var shimExecutable = "/usr/bin/glassbox-shim"
    /// What was accepted but not honoured, for stderr.
    var notes: [String] = []

    /// The namespace every record lives in: dockerd's (containerd reads it from the request's
    /// `containerd-namespace` metadata; Glassbox's dockerd always uses this one).
    static let namespace = "moby"

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    init(arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            var flag = arguments[index]
            var inline: String?
            if flag.hasPrefix("-"), let equals = flag.firstIndex(of: "=") {
                inline = String(flag[flag.index(after: equals)...])
                flag = String(flag[..<equals])
            }
            func value() throws -> String {
                if let inline { return inline }
                index += 1
                guard index < arguments.count else { throw UsageError(description: "flag needs an argument: \(flag)") }
                return arguments[index]
            }
            switch flag {
            case "--address", "-a": address = try value()
            case "--root": root = try value()
            case "--state": state = try value()
            case "--config", "-c": notes.append("ignoring --config \(try value()): configuration files are not read")
            case "--log-level", "-l": notes.append("ignoring --log-level \(try value())")
            default: throw UsageError(description: "flag provided but not defined: \(flag)")
            }
            index += 1
        }
    }

    /// The socket's path, `unix://` accepted.
    var socketPath: String {
        address.hasPrefix("unix://") ? String(address.dropFirst(7)) : address
    }
}

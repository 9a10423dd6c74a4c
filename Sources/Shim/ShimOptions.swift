import KernelInterface

/// The shim's command line, as containerd's runtime/v2/shim/shim.go parses it:
/// `glassbox-shim -namespace moby -id ID -address /run/…/containerd.sock [start]`.
struct ShimOptions: Sendable {
    enum Action: Sendable {
        /// Bind the socket, spawn the long-running shim, print its address, exit.
        case start
        /// Serve the task API on the listening socket inherited as fd 3.
        case serve
    }

    /// This shim's own executable (re-run as the long-running shim) and runc's, installed or
    /// next to this one (resolved at start).
    var shimExecutable = "/usr/bin/glassbox-shim"
    var runcExecutable = "/usr/bin/glassbox-runc"
    var namespace = "default"
    var id = ""
    /// containerd's own socket; the shim's socket directory is beside it.
    var containerdAddress = ""
    var action = Action.serve

    /// The listening socket the long-running shim inherits from `start`.
    static let listenerDescriptor = FileDescriptor(3)

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    init(arguments: [String]) throws {
        var index = 0
        func value(_ flag: String) throws -> String {
            index += 1
            guard index < arguments.count else { throw UsageError(description: "flag needs an argument: \(flag)") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-namespace", "--namespace": namespace = try value(argument)
            case "-id", "--id": id = try value(argument)
            case "-address", "--address": containerdAddress = try value(argument)
            case "-publish-binary", "--publish-binary", "-bundle", "--bundle": _ = try value(argument)
            case "-debug", "--debug": break
            case "start": action = .start
            default: throw UsageError(description: "unknown argument \(argument)")
            }
            index += 1
        }
        guard !id.isEmpty else { throw UsageError(description: "shim id must be set (-id)") }
        guard !containerdAddress.isEmpty else { throw UsageError(description: "containerd address must be set (-address)") }
    }

    /// `<dir of containerd's socket>/s/<id>`: `/run/glassbox/containerd/s/<id>` (containerd's
    /// runc shim uses `<state>/s/<hash>`).
    var socketPath: String {
        var directory = containerdAddress
        if directory.hasPrefix("unix://") { directory = String(directory.dropFirst(7)) }
        if let slash = directory.lastIndex(of: "/") { directory = String(directory[..<slash]) }
        return joinPath(joinPath(directory.isEmpty ? "/" : directory, "s"), id)
    }

    /// What `start` prints and containerd dials: `unix:///run/glassbox/containerd/s/<id>`.
    var socketAddress: String { "unix://" + socketPath }
}

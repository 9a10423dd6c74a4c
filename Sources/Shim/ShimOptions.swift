import KernelInterface
import OCI

/// The shim's command line, as containerd's runtime/v2/shim/shim.go parses it:
/// `glassbox-shim -namespace moby -id ID -address /run/…/containerd.sock [start|delete]`.
struct ShimOptions: Sendable {
    enum Action: Sendable {
        /// Bind the socket, spawn the long-running shim, print its address, exit.
        case start
        /// Serve the task API on the listening socket inherited as fd 3.
        case serve
        /// Clean up after a shim that died (containerd runs it then): `runc delete --force`,
        /// the rootfs unmounted, the exit printed (ShimDelete.swift).
        case delete
    }

    /// This shim's own executable (re-run as the long-running shim) and runc's, installed or
    /// next to this one (resolved at start).
    var shimExecutable = "/usr/bin/glassbox-shim"
    var runcExecutable = "/usr/bin/glassbox-runc"
    var namespace = "default"
    var id = ""
    /// containerd's own socket (part of what names the shim's socket).
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
            case "delete": action = .delete
            default: throw UsageError(description: "unknown argument \(argument)")
            }
            index += 1
        }
        guard !id.isEmpty else { throw UsageError(description: "shim id must be set (-id)") }
        guard !containerdAddress.isEmpty else { throw UsageError(description: "containerd address must be set (-address)") }
    }

    /// Where every shim's socket lives, whatever containerd's own state directory: containerd
    /// keeps its shim sockets under one short root (`/run/containerd/s`) so that a long
    /// `--exec-root` can never push a path past sun_path's 108 bytes.
    static let socketRoot = "/run/glassbox/containerd/s"

    /// `/run/glassbox/containerd/s/<sha256 of address/namespace/id>`, as containerd's
    /// runtime/v2/shim SocketAddress names it: unique per containerd, namespace and container,
    /// and always 91 bytes long.
    var socketPath: String {
        var address = containerdAddress
        if address.hasPrefix("unix://") { address = String(address.dropFirst(7)) }
        let digest = SHA256.hash(Array(joinPath(joinPath(address, namespace), id).utf8))
        return joinPath(ShimOptions.socketRoot, hexString(digest))
    }

    /// What `start` prints and containerd dials: `unix:///run/glassbox/containerd/s/<hash>`.
    var socketAddress: String { "unix://" + socketPath }
}

import KernelInterface

/// dockerd's command line, with dockerd's own flag names.
struct DaemonOptions: Sendable {
    var hosts: [SocketAddress] = [.unix("/run/glassbox.sock")]
    var dataRoot = "/var/lib/glassbox"
    var execRoot = "/run/glassbox"
    /// An already running containerd; when nil dockerd starts its own, as Docker does.
    var containerd: SocketAddress?
    /// A registry to pull from; when nil dockerd starts the built-in one.
    var registry: SocketAddress?
    /// Where the built-in registry listens; port 0 lets the kernel choose.
    var registryListen = SocketAddress.inet(host: SocketAddress.loopback, port: 5000)
    var pidfile: String?
    var debug = false
    /// `--shutdown-timeout`: seconds the shutdown on SIGTERM/SIGINT waits for the containers to
    /// stop (at least each one's stop timeout plus 5, see `Daemon.shutdownTimeout`); negative
    /// waits for ever. 15 by default, as dockerd's config.DefaultShutdownTimeout.
    var shutdownTimeout = 15

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ arguments: [String]) throws -> DaemonOptions {
        var options = DaemonOptions()
        var explicitHosts: [SocketAddress] = []
        var rest = arguments.dropFirst()[...]
        while let argument = rest.popFirst() {
            var flag = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            func value() throws -> String {
                if let inline { return inline }
                guard let next = rest.popFirst() else { throw UsageError(description: "flag needs an argument: \(flag)") }
                return next
            }
            func address() throws -> SocketAddress {
                let text = try value()
                guard let address = SocketAddress(parsing: text) else {
                    throw UsageError(description: "invalid address \"\(text)\" for \(flag): use unix:///path or tcp://127.0.0.1:PORT")
                }
                return address
            }
            switch flag {
            case "-H", "--host": explicitHosts.append(try address())
            case "--data-root", "-g", "--graph": options.dataRoot = try value()
            case "--exec-root": options.execRoot = try value()
            case "--containerd": options.containerd = try address()
            case "--registry": options.registry = try address()
            case "--registry-listen": options.registryListen = try address()
            case "-p", "--pidfile": options.pidfile = try value()
            case "-D", "--debug": options.debug = true
            case "--shutdown-timeout":
                let text = try value()
                guard let seconds = Int(text) else { throw UsageError(description: "invalid value \"\(text)\" for \(flag): not an integer") }
                options.shutdownTimeout = seconds
            default: throw UsageError(description: "unknown flag: \(flag)")
            }
        }
        if !explicitHosts.isEmpty { options.hosts = explicitHosts }
        return options
    }

    var containerdSocket: String { execRoot + "/containerd/containerd.sock" }
    var containerdRoot: String { dataRoot + "/containerd" }
    var containerdState: String { execRoot + "/containerd" }
    /// runc's state directory, sent to containerd's runc shim with every task, as moby's
    /// `defaultV2ShimConfig` sets the runc runtime's `Root: <exec-root>/runtime-runc`
    /// (daemon/runtime_unix.go): two daemons with different exec roots never share runc state.
    var runcRoot: String { execRoot + "/runtime-runc" }
}

import KernelInterface
import Trace

/// The daemons dockerd starts and supervises itself: containerd (as dockerd's
/// libcontainerd/supervise does, unless `--containerd` names a running one) and the built-in
/// registry, Glassbox's offline stand-in for Docker Hub (unless `--registry` names one).
struct ManagedChildren {
    let containerd: SocketAddress
    let registry: SocketAddress

    static let containerdPath = "/usr/bin/glassbox-containerd"
    static let registryPath = "/usr/bin/glassbox-registry"

    static func start(options: DaemonOptions, context: ProcessContext) throws -> ManagedChildren {
        let kernel = context.kernel
        var containerd = options.containerd
        if containerd == nil {
            let socket = options.containerdSocket
            try kernel.mkdirAll(options.containerdState, mode: 0o711)
            _ = try ExecHop.spawn(kernel: kernel, SpawnRequest(
                path: context.installedOrSibling(containerdPath),
                arguments: ["glassbox-containerd", "--address", socket, "--root", options.containerdRoot, "--state", options.containerdState],
                environment: context.environment.filter { !$0.hasPrefix("NOTIFY_SOCKET=") }
            ), to: "containerd", inheritTraceFrom: context.environment)
            containerd = .unix(socket)
        }
        var registry = options.registry
        if registry == nil {
            _ = try ExecHop.spawn(kernel: kernel, SpawnRequest(
                path: context.installedOrSibling(registryPath),
                arguments: ["glassbox-registry", "--listen", DaemonOptions.builtInRegistry.description, "--root", options.dataRoot + "/registry"],
                environment: context.environment
            ), to: "registry", inheritTraceFrom: context.environment)
            registry = DaemonOptions.builtInRegistry
        }
        guard let containerd, let registry else { preconditionFailure("both addresses are set above") }
        try waitUntilListening(containerd, kernel: kernel, what: "containerd")
        try waitUntilListening(registry, kernel: kernel, what: "registry")
        return ManagedChildren(containerd: containerd, registry: registry)
    }

    /// Connects until the socket accepts, for up to 10 s.
    static func waitUntilListening(_ address: SocketAddress, kernel: Kernel, what: String) throws {
        var delay: Int64 = 1_000_000
        let deadline = kernel.clockGettime(.monotonic) + 10_000_000_000
        while true {
            let fd = try kernel.socket(address.domain, .stream, closeOnExec: true)
            defer { try? kernel.close(fd) }
            do {
                try kernel.connect(fd, address)
                return
            } catch let error as Errno where error == .ENOENT || error == .ECONNREFUSED {
                if kernel.clockGettime(.monotonic) > deadline {
                    throw DaemonError(.unavailable, "\(what) did not start listening on \(address) within 10 s")
                }
                try kernel.nanosleep(delay)
                delay = min(delay * 2, 100_000_000)
            }
        }
    }
}

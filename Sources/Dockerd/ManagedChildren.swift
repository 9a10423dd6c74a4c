import KernelInterface
import Trace

/// The daemons dockerd starts and supervises itself: containerd (as dockerd's
/// libcontainerd/supervise does, unless `--containerd` names a running one) and the built-in
/// registry, Glassbox's offline stand-in for Docker Hub (unless `--registry` names one). Both
/// are spawned from dockerd's main thread with a parent-death signal of SIGKILL (containerd also
/// in a session of its own), as moby's containerdSysProcAttr asks, so neither outlives dockerd.
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
                environment: context.environment.filter { !$0.hasPrefix("NOTIFY_SOCKET=") },
                newSession: true, parentDeathSignal: .SIGKILL
            ), to: "containerd", inheritTraceFrom: context.environment)
            containerd = .unix(socket)
        }
        let registry = try options.registry ?? startRegistry(options: options, context: context)
        guard let containerd else { preconditionFailure("the containerd address is set above") }
        try waitUntilListening(containerd, kernel: kernel, what: "containerd")
        return ManagedChildren(containerd: containerd, registry: registry)
    }

    /// Starts the built-in registry and reads the address it announces on its stdout once it
    /// listens (so `--registry-listen 127.0.0.1:0` lets the kernel choose a free port).
    static func startRegistry(options: DaemonOptions, context: ProcessContext) throws -> SocketAddress {
        let kernel = context.kernel
        let pipe = try kernel.pipe(closeOnExec: true)
        defer { try? kernel.close(pipe.read) }
        do {
            defer { try? kernel.close(pipe.write) }
            _ = try ExecHop.spawn(kernel: kernel, SpawnRequest(
                path: context.installedOrSibling(registryPath),
                arguments: ["glassbox-registry", "--listen", options.registryListen.description, "--root", options.dataRoot + "/registry"],
                environment: context.environment, fileActions: [.duplicate(pipe.write, to: .standardOutput)],
                parentDeathSignal: .SIGKILL
            ), to: "registry", inheritTraceFrom: context.environment)
        }
        var announced: [UInt8] = []
        while !announced.contains(0x0A) {
            let bytes = try kernel.read(pipe.read, count: 256)
            if bytes.isEmpty { break }
            announced += bytes
        }
        let line = String(decoding: announced.prefix(while: { $0 != 0x0A }), as: UTF8.self)
        guard let address = SocketAddress(parsing: line) else {
            throw DaemonError(.unavailable, "the built-in registry did not start (it announced \"\(line)\"); see its message above")
        }
        return address
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

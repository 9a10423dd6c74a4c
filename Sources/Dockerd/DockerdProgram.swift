import KernelInterface
import Trace
import Wire

/// `glassbox-dockerd`: the Engine API server. It starts its containerd (and the built-in
/// registry) as children, as dockerd starts its managed containerd, reloads the containers an
/// earlier dockerd left on its data root (Daemon+Restore.swift), then serves the API on each
/// `-H` socket with a thread per connection, until SIGTERM or SIGINT stops its containers and
/// it (DockerdProgram+Trap.swift).
public enum DockerdProgram {
    public static let program = Program(name: "glassbox-dockerd", participant: "dockerd") { context in
        DockerdProgram.main(context)
    }

    static func main(_ context: ProcessContext) -> Int32 {
        let kernel = context.kernel
        try? kernel.ignoreSignal(.SIGPIPE, true)
        let options: DaemonOptions
        do {
            options = try DaemonOptions.parse(context.arguments)
        } catch {
            context.printError("glassbox-dockerd: \(error)")
            return 125
        }
        do {
            try kernel.mkdirAll(options.dataRoot, mode: 0o711)
            try kernel.mkdirAll(options.execRoot, mode: 0o700)
            if let pidfile = options.pidfile { try kernel.writeFile(pidfile, "\(kernel.getpid().rawValue)\n") }
            let children = try ManagedChildren.start(options: options, context: context)
            let daemon = Daemon(options: options, kernel: kernel, containerd: children.containerd, registry: children.registry)
            try daemon.images.load(kernel: kernel)
            try daemon.restore(kernel: kernel)
            try trapSignals(daemon: daemon, kernel: kernel)
            let server = HTTPServer(peer: "client", defaultHeaders: DockerdProgram.defaultHeaders,
                                    bodyLimit: DockerdProgram.bodyLimit) { exchange in
                Handlers(daemon: daemon, exchange: exchange).handle()
            }
            var listeners: [FileDescriptor] = []
            for host in options.hosts { listeners.append(try listen(on: host, kernel: kernel)) }
            for listener in listeners.dropFirst() {
                try kernel.spawnThread(name: "listener") { threadKernel in server.serve(kernel: threadKernel, listener: listener) }
            }
            if let first = listeners.first { server.serve(kernel: kernel, listener: first) }
            return 0
        } catch {
            context.printError("glassbox-dockerd: failed to start daemon: \(error)")
            return 1
        }
    }

    static func listen(on address: SocketAddress, kernel: Kernel) throws -> FileDescriptor {
        if case let .unix(path) = address {
            if let status = try? kernel.lstat(path), status.kind == .socket { try kernel.unlink(path) }
            let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            if !parent.isEmpty { try kernel.mkdirAll(parent) }
        }
        let fd = try kernel.socket(address.domain, .stream, closeOnExec: true)
        try kernel.bind(fd, address)
        try kernel.listen(fd, backlog: 128)
        if case let .unix(path) = address { try kernel.chmod(path, mode: 0o660) }
        return fd
    }

    /// The header fields dockerd puts on every answer (see reference/ping.txt).
    static let defaultHeaders: @Sendable (Kernel) -> [(String, String)] = { kernel in
        [
            ("Api-Version", EngineAPI.version), ("Docker-Experimental", "false"), ("Ostype", "linux"),
            ("Server", "Glassbox/0.1 (linux)"), ("Date", Timestamp.httpDate(nanoseconds: kernel.clockGettime(.realtime))),
        ]
    }

    /// The largest body an image import may send (`POST /images/create?fromSrc=-`, a root
    /// filesystem tar that is held in memory while it is unpacked); every other request keeps
    /// the codec's 64 MiB.
    static let importBodyLimit = 4 << 30

    static let bodyLimit: @Sendable (Substring, Substring) -> Int = { method, target in
        guard method == "POST" else { return HTTPCodec.maximumBodySize }
        let parts = target.split(separator: "?", maxSplits: 1)
        guard parts.first?.hasSuffix("/images/create") == true, parts.count == 2,
              parts[1].split(separator: "&").contains("fromSrc=-")
        else { return HTTPCodec.maximumBodySize }
        return importBodyLimit
    }
}

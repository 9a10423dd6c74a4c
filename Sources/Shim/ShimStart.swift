import KernelInterface

/// `glassbox-shim … start`: what containerd execs to get a shim for a task, as containerd's
/// runc v2 shim `StartShim` does (runtime/v2/runc/v2/service.go): create and bind the task's
/// socket, spawn the long-running shim in a new session with the listener as its fd 3 and
/// `/dev/null` as its stdio, write its pid to the bundle's `shim.pid` (shim.WritePidFile), the
/// address to the bundle's `address` file and to stdout,
/// and exit so that containerd, which waits for this process, can dial the address.
struct ShimStart {
    let options: ShimOptions
    let context: ProcessContext


    func run() throws {
        let kernel = context.kernel
        let bundle = try kernel.getcwd()
        guard let listener = try bindSocket(kernel) else {
            // A shim already serves this id (containerd restarted): reuse it, as the runc shim
            // does when its socket accepts connections.
            try announce(kernel, bundle: bundle)
            return
        }
        let devNull = try kernel.open("/dev/null", [.readWrite, .closeOnExec], mode: 0)
        let request = SpawnRequest(
            path: options.shimExecutable, // the runc shim re-execs os.Executable()
            arguments: ["glassbox-shim", "-namespace", options.namespace, "-id", options.id,
                        "-address", options.containerdAddress],
            environment: context.environment,
            fileActions: [
                .duplicate(devNull, to: .standardInput), .duplicate(devNull, to: .standardOutput),
                .duplicate(devNull, to: .standardError), .duplicate(listener, to: ShimOptions.listenerDescriptor),
            ],
            newSession: true,
            workingDirectory: bundle
        )
        let pid: ProcessID
        do {
            pid = try kernel.spawn(request)
        } catch {
            try? kernel.unlink(options.socketPath)
            throw error
        }
        try? kernel.close(devNull)
        try? kernel.close(listener)
        // The daemon is not waited for: it outlives this process and is reparented when it exits.
        context.tracer?.lifecycle("shim.daemonized", attrs: [("id", .string(options.id)), ("pid", .int(Int64(pid.rawValue)))])
        try kernel.writeFile(joinPath(bundle, "shim.pid"), String(pid.rawValue))
        try announce(kernel, bundle: bundle)
    }

    private func announce(_ kernel: Kernel, bundle: String) throws {
        try kernel.writeFile(joinPath(bundle, "address"), options.socketAddress)
        try kernel.writeAll(.standardOutput, options.socketAddress)
    }

    /// A listening socket on `s/<id>`; nil when a live shim already listens there. A stale socket
    /// (its shim died) is removed and bound again, as shim.NewSocket's callers do.
    private func bindSocket(_ kernel: Kernel) throws -> FileDescriptor? {
        let path = options.socketPath
        if let slash = path.lastIndex(of: "/") { try kernel.mkdirAll(String(path[..<slash]), mode: 0o711) }
        let listener = try kernel.socket(.unix, .stream, closeOnExec: true)
        do {
            do {
                try kernel.bind(listener, .unix(path))
            } catch Errno.EADDRINUSE {
                if canConnect(kernel, path) {
                    try? kernel.close(listener)
                    return nil
                }
                try kernel.unlink(path)
                try kernel.bind(listener, .unix(path))
            }
            try kernel.listen(listener, backlog: 128)
        } catch {
            try? kernel.close(listener)
            throw error
        }
        return listener
    }

    private func canConnect(_ kernel: Kernel, _ path: String) -> Bool {
        guard let probe = try? kernel.socket(.unix, .stream, closeOnExec: true) else { return false }
        defer { try? kernel.close(probe) }
        return (try? kernel.connect(probe, .unix(path))) != nil
    }
}

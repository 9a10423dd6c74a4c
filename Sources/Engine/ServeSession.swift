import KernelInterface
import LinuxKernel
import SimKernel

/// One run of `glassbox sim serve`: claims the socket path, boots the real-time machine on a
/// host thread, waits for dockerd inside, then listens and bridges until a signal.
final class ServeSession: @unchecked Sendable {
    struct ServeError: Error, CustomStringConvertible {
        let description: String
    }

    let host: Kernel
    let socketPath: String
    let seed: UInt64
    let machine: SimMachine
    let traceFile: FileDescriptor?
    private let lock: KernelLock
    private var bootResult: Result<WaitStatus, Error>?
    private var stopping = false
    private var listener: FileDescriptor?

    init(options: ServeCommand.Options, global: GlobalOptions, host: Kernel) throws {
        self.host = host
        socketPath = options.socket
        seed = global.seed
        lock = host.makeLock()
        try ServeSession.claim(options.socket, host: host)
        var traceFile: FileDescriptor?
        if let path = global.tracePath {
            do {
                traceFile = try host.open(path, [.writeOnly, .create, .truncate, .closeOnExec], mode: 0o644)
            } catch let error as Errno {
                throw ServeError(description: "cannot write trace \(path): \(error.message)")
            }
        }
        self.traceFile = traceFile
        let (machine, environment) = SimJourney.prepare(
            SimMachine.Configuration(seed: global.seed, host: host), host: .terminal(host: host, traceFile: traceFile))
        self.machine = machine
        try host.spawnThread(name: "gb-machine") { [self] _ in runMachine(environment: environment) }
        try waitForDaemon()
        let listener = try host.socket(.unix, .stream, closeOnExec: true)
        do {
            try host.bind(listener, .unix(options.socket))
            try host.listen(listener, backlog: 128)
        } catch let error as Errno {
            try? host.close(listener)
            stopMachine()
            throw ServeError(description: "cannot listen on \(options.socket): \(error.message)")
        }
        self.listener = listener
    }

    /// A socket file nobody answers on is left over from a server that died: replace it. One
    /// that answers belongs to a live daemon: refuse, as dockerd refuses a pid file in use.
    static func claim(_ path: String, host: Kernel) throws {
        guard let status = try? host.lstat(path) else { return }
        guard status.kind == .socket else { throw ServeError(description: "\(path) exists and is not a socket") }
        let probe = try host.socket(.unix, .stream, closeOnExec: true)
        defer { try? host.close(probe) }
        if (try? host.connect(probe, .unix(path))) != nil {
            throw ServeError(description: "another daemon is listening on \(path)")
        }
        try host.unlink(path)
    }

    /// pid 1 runs `init --serve` until `powerOff`; if the machine ends by itself the main
    /// thread is woken with SIGTERM so that the server stops too.
    private func runMachine(environment: [String]) {
        let result = Result {
            try machine.boot(path: "/sbin/init", arguments: ["init", "--serve", "--"], environment: environment,
                             stdin: SimInit.console.stdin, stdout: SimInit.console.stdout, stderr: SimInit.console.stderr)
        }
        let expected = lock.withLock {
            bootResult = result
            lock.broadcast()
            return stopping
        }
        if !expected { try? host.kill(host.getpid(), .SIGTERM) }
    }

    /// dockerd is up when its socket inside accepts a connection (as SimInit waits for it).
    private func waitForDaemon() throws {
        for _ in 0..<1_000 {
            if let probe = try? machine.connectFromHost(to: ServeCommand.daemonSocket) {
                probe.close()
                return
            }
            if lock.withLock({ bootResult != nil }) { break }
            try host.nanosleep(10_000_000)
        }
        stopMachine()
        throw ServeError(description: "dockerd did not start inside the simulated machine")
    }

    /// Serves until SIGINT or SIGTERM; then removes the socket and powers the machine off.
    func serveUntilSignal() -> Int32 {
        guard let listener else { return 1 }
        try? host.writeAll(.standardOutput, """
            glassbox sim serve: a simulated machine (seed \(seed)) serves the Docker Engine API on unix://\(socketPath)
              export DOCKER_HOST=unix://\(socketPath)

            """)
        let bridge = HostSocketBridge(host: host, machine: machine, listener: listener, target: ServeCommand.daemonSocket)
        do {
            try host.spawnThread(name: "gb-accept") { _ in bridge.acceptLoop() }
        } catch {
            try? host.writeAll(.standardError, "glassbox sim serve: cannot start the accept loop: \(error)\n")
        }
        let signal = LinuxProcess.waitForSignal([.SIGINT, .SIGTERM])
        try? host.unlink(socketPath)
        try? host.shutdown(listener, .readWrite)
        let endedByItself = lock.withLock { bootResult != nil && !stopping }
        stopMachine()
        if let traceFile { try? host.close(traceFile) }
        if endedByItself {
            let reason: String
            switch bootResult {
            case let .failure(error)?: reason = "\(error)"
            case let .success(status)?: reason = "pid 1 ended (\(status))"
            case nil: reason = "unknown"
            }
            try? host.writeAll(.standardError, "glassbox sim serve: the simulated machine stopped: \(reason)\n")
            return 1
        }
        try? host.writeAll(.standardError, "glassbox sim serve: \(signal == .SIGINT ? "SIGINT" : "SIGTERM"): stopped\n")
        return 0
    }

    /// Powers the machine off and waits until its run has ended.
    private func stopMachine() {
        let running = lock.withLock {
            stopping = true
            return bootResult == nil
        }
        guard running else { return }
        machine.powerOff()
        lock.withLock { while bootResult == nil { lock.waitOnHost() } }
    }
}

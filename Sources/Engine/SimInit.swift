import KernelInterface
import Trace

/// pid 1 of the simulated machine: starts dockerd (which starts containerd and the registry),
/// waits for its socket, runs the client with the machine's console as its stdio, reaps every
/// orphan meanwhile (as an init must), and exits with the client's status. The machine then
/// stops whatever is still running.
///
///     init ──exec──▶ glassbox-dockerd ──exec──▶ glassbox-containerd, glassbox-registry
///     init ──exec──▶ glassbox run hello-world   (stdio: the host terminal)
///
/// With `--serve` (`glassbox sim serve`) init runs no client: clients come from the host
/// through `SimMachine.connectFromHost`, and init reaps until the machine is powered off. With
/// `--terminal ROWS COLUMNS` the client runs on a pty bridged to the host's terminal
/// (SimInit+Terminal.swift).
enum SimInit {
    static let program = Program(name: "init", participant: nil) { context in
        SimInit.main(context)
    }

    static let console = (stdin: "/dev/glassbox/stdin", stdout: "/dev/glassbox/stdout", stderr: "/dev/glassbox/stderr")

    static func main(_ context: ProcessContext) -> Int32 {
        let kernel = context.kernel
        let clientArguments = Array(context.arguments.drop(while: { $0 != "--" }).dropFirst())
        // `--repeat N` runs the client N times on the one machine (the lifecycle benchmark).
        var repeats = 1
        let own = Array(context.arguments.prefix(while: { $0 != "--" }))
        if let flag = own.firstIndex(of: "--repeat"), flag + 1 < own.count {
            repeats = max(1, Int(own[flag + 1]) ?? 1)
        }
        // `--client PATH` runs another client program than glassbox (the lifecycle benchmark's).
        var client = "/usr/bin/glassbox"
        if let flag = own.firstIndex(of: "--client"), flag + 1 < own.count { client = own[flag + 1] }
        var environment = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root"]
        environment += context.environment.filter { $0.hasPrefix(ProcessContext.traceEnvironmentName + "=") }
        if environment.contains(where: { $0.hasPrefix(ProcessContext.traceEnvironmentName + "=") }) {
            // One trace id for the whole machine: every program's events join one tree.
            let root = TraceContext(traceID: hexString(kernel.getrandom(16)), spanID: hexString(kernel.getrandom(8)))
            environment.append("\(TraceContext.environmentName)=\(root.traceparent)")
        }
        do {
            let null = try kernel.open("/dev/null", [.readWrite], mode: 0)
            let errors = try kernel.open(console.stderr, [.writeOnly], mode: 0)
            _ = try kernel.spawn(SpawnRequest(
                path: "/usr/bin/glassbox-dockerd", arguments: ["glassbox-dockerd", "-H", "unix:///run/glassbox.sock"],
                environment: environment, fileActions: [.duplicate(null, to: .standardInput), .duplicate(null, to: .standardOutput), .duplicate(errors, to: .standardError)]
            ))
            try? kernel.close(null)
            try? kernel.close(errors)
            try waitForDaemon(kernel)
            if own.contains("--serve") { return try serve(kernel) }
            if let flag = own.firstIndex(of: "--terminal"), flag + 2 < own.count,
               let rows = UInt16(own[flag + 1]), let columns = UInt16(own[flag + 2]) {
                return try runClientOnTerminal(clientArguments, rows: rows, columns: columns, environment: environment, kernel: kernel)
            }
            var last: Int32 = 0
            for _ in 0..<repeats {
                last = try runClient(clientArguments, program: client, environment: environment, kernel: kernel)
                if last != 0 { return last }
            }
            return last
        } catch {
            context.printError("init: \(error)")
            return 125
        }
    }

    /// Runs the client and reaps every child until it has exited; returns its status.
    static func runClient(_ arguments: [String], program: String = "/usr/bin/glassbox", environment: [String], kernel: Kernel) throws -> Int32 {
        let name = String(program.split(separator: "/").last ?? "glassbox")
        let client = try kernel.spawn(SpawnRequest(path: program, arguments: [name] + arguments, environment: environment))
        while true {
            guard let (pid, status) = try kernel.wait4(nil, options: []) else { continue }
            if pid == client { return status.exitCode }
        }
    }

    /// `glassbox sim serve`: no client of its own; reaps orphans (as an init must) for as long
    /// as dockerd runs, which is until the machine is powered off.
    static func serve(_ kernel: Kernel) throws -> Int32 {
        while true {
            do {
                _ = try kernel.wait4(nil, options: [])
            } catch Errno.ECHILD {
                try? kernel.writeAll(.standardError, "init: dockerd has exited; the machine stops\n")
                return 1
            }
        }
    }

    /// dockerd is ready when its socket accepts a connection.
    static func waitForDaemon(_ kernel: Kernel, seconds: Int = 1) throws {
        for _ in 0..<(200 * seconds) {
            let fd = try kernel.socket(.unix, .stream, closeOnExec: true)
            defer { try? kernel.close(fd) }
            if (try? kernel.connect(fd, .unix("/run/glassbox.sock"))) != nil { return }
            try kernel.nanosleep(5_000_000)
        }
        throw Errno.ETIMEDOUT
    }
}

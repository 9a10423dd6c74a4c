import Engine
import KernelInterface
import LinuxKernel
import TestSupport
import Testing
import Trace

/// The real docker CLI and Python SDK against `glassbox sim serve`: one simulated machine kept
/// alive behind a real UNIX socket, no root needed. The same scenarios as against
/// glassbox-dockerd on Linux, and what only the server adds: real-time waits, many clients,
/// its trace, its socket's life.
@Suite(
    "The real docker CLI against glassbox sim serve", .serialized,
    .enabled(if: DockerCLIDaemon.docker != nil, "needs the docker CLI on PATH (/usr/local/bin or /usr/bin)"),
    .enabled(if: SimServeDaemon.glassbox != nil, "needs the glassbox executable beside the tests: run `swift build` first")
)
struct SimServeTests {
    @Test("run --rm hello-world, an exit status, run -d, ps, logs apart, stop -t 1 in real time, ps -a, rm, images")
    func containerLifecycle() throws {
        let daemon = try SimServeDaemon()
        defer { daemon.remove() }
        let hello = try daemon.docker(["run", "--rm", "hello-world"])
        #expect(hello.status == 0, "\(hello.stderr)")
        #expect(hello.stdout.contains("Hello from Glassbox!"))
        #expect(try daemon.docker(["run", "--rm", "busybox", "sh", "-c", "exit 3"]).status == 3)
        let web = try daemon.docker(["run", "-d", "--name", "web", "busybox", "sh", "-c", "echo out; echo err >&2; sleep 300"])
        #expect(web.status == 0, "\(web.stderr)")
        #expect(try daemon.docker(["ps", "--format", "{{.Names}}"]).stdout == "web\n")
        let logs = try daemon.docker(["logs", "web"])
        #expect(logs.stdout == "out\n")
        #expect(logs.stderr == "err\n")
        #expect(try daemon.docker(["inspect", "--format", "{{.State.Status}}", "web"]).stdout == "running\n")
        let kernel = SimServeDaemon.kernel
        let before = kernel.clockGettime(.monotonic)
        #expect(try daemon.docker(["stop", "-t", "1", "web"]).stdout == "web\n")
        let seconds = Double(kernel.clockGettime(.monotonic) - before) / 1e9
        #expect(seconds >= 1 && seconds < 5, "docker stop -t 1 took \(seconds) s")
        #expect(try daemon.docker(["ps", "-a", "--format", "{{.Status}}"]).stdout.hasPrefix("Exited (137) "))
        #expect(try daemon.docker(["rm", "web"]).stdout == "web\n")
        #expect(try daemon.docker(["ps", "-a", "-q"]).stdout == "")
        #expect(try daemon.docker(["images", "--format", "{{.Repository}}"]).stdout == "hello-world\nbusybox\n")
        #expect(daemon.stop() == .exited(0))
        #expect(!kernel.exists(daemon.socket))
    }

    @Test("the Python SDK: containers.run returns the output, list, get(...).remove(force=True), images.list")
    func pythonSDK() throws {
        let daemon = try SimServeDaemon()
        defer { daemon.remove() }
        try DockerCLIScenarios.pythonSDK(daemon)
    }

    @Test("the glassbox-dockerd scenarios (exec included) pass unchanged against the simulated machine")
    func sharedScenarios() throws {
        for scenario in [DockerCLIScenarios.imagesAndContainers, DockerCLIScenarios.malformedRequests,
                         DockerCLIScenarios.pythonNameRace, DockerCLIScenarios.runningContainers,
                         DockerCLIExecScenario.run] as [(SimServeDaemon) throws -> Void] {
            let daemon = try SimServeDaemon()
            defer { daemon.remove() }
            try scenario(daemon)
        }
    }

    @Test("--trace records every request under the client lifeline with the User-Agent it sent")
    func traced() throws {
        let daemon = try SimServeDaemon()
        defer { daemon.remove() }
        #expect(try daemon.docker(["run", "--rm", "hello-world"]).status == 0)
        #expect(daemon.stop() == .exited(0))
        let events = try SimServeDaemon.kernel.readTextFile(daemon.tracePath).split(separator: "\n")
            .compactMap { try? TraceEvent(line: Array($0.utf8)) }
        let requests = events.filter { $0.kind == .request && $0.from == "client" && $0.to == "dockerd" }
        #expect(requests.contains { $0.op.hasPrefix("POST /v1.41/containers/create") })
        #expect(requests.contains { $0.op.hasPrefix("POST /v1.41/containers/") && $0.op.hasSuffix("/attach?stderr=1&stdout=1&stream=1") })
        #expect(!requests.isEmpty && requests.allSatisfy { $0.attribute("user-agent")?.stringValue?.hasPrefix("Docker-Client/") == true })
        #expect(events.contains { $0.from == "shim" && $0.to == "runc" })
        let drawn = try HostCommand.run(SimServeDaemon.glassbox ?? "glassbox", ["trace", daemon.tracePath], timeLimitSeconds: 30)
        #expect(drawn.status == 0, "\(drawn.stderr)")
        #expect(drawn.stdout.contains("client") && drawn.stdout.contains("/containers/create"))
    }

    @Test("an idle server uses no CPU: no busy polling while nothing happens")
    func idle() throws {
        let daemon = try SimServeDaemon()
        defer { daemon.remove() }
        #expect(try daemon.docker(["run", "-d", "busybox", "sleep", "300"]).status == 0)
        func cpuTicks() throws -> Int {
            // utime and stime, fields 14 and 15 of /proc/<pid>/stat (after the command's parentheses).
            let stat = try SimServeDaemon.kernel.readTextFile("/proc/\(daemon.pid.rawValue)/stat")
            let fields = stat[stat.index(after: stat.lastIndex(of: ")") ?? stat.startIndex)...].split(separator: " ")
            return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
        }
        try SimServeDaemon.kernel.nanosleep(300_000_000)
        let before = try cpuTicks()
        try SimServeDaemon.kernel.nanosleep(2_000_000_000)
        #expect(try cpuTicks() - before <= 4, "ticks of 10 ms used over 2 s idle")
    }

    @Test("a client gone mid-request leaves the daemon serving; a live socket is refused, a stale one replaced")
    func socketLife() throws {
        let daemon = try SimServeDaemon()
        defer { daemon.remove() }
        let cut = """
        import socket
        s = socket.socket(socket.AF_UNIX); s.connect("\(daemon.socket)")
        s.sendall(b"POST /v1.41/containers/create HTTP/1.1\\r\\nHost: d\\r\\nContent-Length: 100\\r\\n\\r\\n{\\"Ima")
        s.close()
        k = socket.socket(socket.AF_UNIX); k.connect("\(daemon.socket)")
        k.sendall(b"GET /_ping HTTP/1.1\\r\\nHost: d\\r\\n\\r\\n")
        print(k.recv(4096).split(b"\\r\\n")[0].decode())
        """
        #expect(try daemon.run("python3", ["-c", cut]).stdout == "HTTP/1.1 200 OK\n")
        let second = try HostCommand.run(SimServeDaemon.glassbox ?? "glassbox", ["sim", "serve", "--socket", daemon.socket], timeLimitSeconds: 20)
        #expect(second.status == 1)
        #expect(second.stderr.contains("another daemon is listening on \(daemon.socket)"))
        #expect(try daemon.docker(["version", "--format", "{{.Server.Platform.Name}}"]).stdout == "Glassbox Engine\n")
        try SimServeDaemon.kernel.kill(daemon.pid, .SIGKILL)
        _ = try SimServeDaemon.kernel.wait4(daemon.pid, options: [])
        #expect(SimServeDaemon.kernel.exists(daemon.socket))
        let replacement = try SimServeDaemon(directory: daemon.directory)
        #expect(try replacement.docker(["images", "-q"]).stdout == "")
        #expect(replacement.stop() == .exited(0))
    }

    @Test(
        "serves as an unprivileged user (setpriv to nobody), socket in a world-writable directory",
        .enabled(if: SimServeDaemon.kernel.getuid() == 0, "needs root to become uid 65534"),
        .enabled(if: SimServeDaemon.setpriv != nil, "needs setpriv (util-linux)"),
        .enabled(if: SimServeDaemon.nobodyCanRun, "uid 65534 cannot reach the glassbox executable beside the tests")
    )
    func unprivileged() throws {
        guard let setpriv = SimServeDaemon.setpriv else { return }
        let daemon = try SimServeDaemon(asNobody: setpriv)
        defer { daemon.remove() }
        #expect(try SimServeDaemon.kernel.stat(daemon.socket).uid == 65_534)
        let hello = try daemon.docker(["run", "--rm", "hello-world"])
        #expect(hello.status == 0, "\(hello.stderr)")
        #expect(hello.stdout.contains("Hello from Glassbox!"))
        #expect(daemon.stop() == .exited(0))
        #expect(!SimServeDaemon.kernel.exists(daemon.socket))
    }
}

@Suite("glassbox sim serve's options")
struct ServeOptionsTests {
    @Test("--socket in both spellings, a unix:// prefix dropped, the default, unknown words refused")
    func parsing() throws {
        #expect(try ServeCommand.parse([]).socket == ServeCommand.defaultSocket)
        #expect(try ServeCommand.parse(["--socket", "/tmp/a.sock"]).socket == "/tmp/a.sock")
        #expect(try ServeCommand.parse(["--socket=unix:///tmp/b.sock"]).socket == "/tmp/b.sock")
        #expect(try ServeCommand.parse(["--help"]).help)
        #expect(throws: GlobalOptions.UsageError.self) { try ServeCommand.parse(["--socket"]) }
        #expect(throws: GlobalOptions.UsageError.self) { try ServeCommand.parse(["--port", "2375"]) }
    }
}

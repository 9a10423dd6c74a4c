import KernelInterface
import LinuxKernel
import Testing
import Trace

/// `docker exec` from the real docker CLI and the Python SDK's `exec_run`, against a real
/// glassbox-dockerd on this host: runc exec joins a real container's namespaces. The same
/// scenario runs against `glassbox sim serve` (SimServeTests).
@Suite(
    "docker exec from the real docker CLI against glassbox-dockerd on Linux", .serialized,
    .enabled(if: DockerCLIDaemon.isRoot, "needs root: dockerd mounts overlays and makes cgroups"),
    .enabled(if: DockerCLIDaemon.docker != nil, "needs the docker CLI on PATH (/usr/local/bin or /usr/bin)"),
    .enabled(if: DockerCLIDaemon.hasDockerd, "needs glassbox-dockerd beside the tests: run `swift build` first")
)
struct DockerCLIExecTests {
    @Test("docker exec ps, stdout and stderr apart with status 3, 127 for a missing program, and exec_run")
    func exec() throws {
        let daemon = try DockerCLIDaemon()
        defer { daemon.stop() }
        try DockerCLIExecScenario.run(daemon)
    }
}

enum DockerCLIExecScenario {
    static func run(_ daemon: some DockerDaemonUnderTest) throws {
        #expect(try daemon.docker(["pull", "busybox"]).status == 0)
        let web = try daemon.docker(["run", "-d", "--name", "web", "busybox", "sleep", "300"])
        #expect(web.status == 0, "\(web.stderr)")
        defer { _ = try? daemon.docker(["rm", "-f", "web"]) }

        let ps = try daemon.docker(["exec", "web", "ps", "-o", "pid,args"])
        #expect(ps.status == 0, "\(ps.stderr)")
        let rows = ps.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(rows.count == 2, "only sleep and ps: \(ps.stdout)")
        #expect(rows.first?.first == "1" && rows.first?.dropFirst().first == "sleep", "\(ps.stdout)")

        let streams = try daemon.docker(["exec", "web", "sh", "-c", "echo out; echo err >&2; exit 3"])
        #expect(streams.status == 3)
        #expect(streams.stdout == "out\n")
        #expect(streams.stderr == "err\n")

        let missing = try daemon.docker(["exec", "web", "nosuch"])
        #expect(missing.status == 127, "\(missing.stdout) \(missing.stderr)")
        #expect((missing.stdout + missing.stderr).contains("executable file not found in $PATH"))

        let script = """
        import docker
        c = docker.DockerClient(base_url="\(daemon.host)").containers.get("web")
        r = c.exec_run("echo hi")
        print(r.exit_code, r.output.decode().strip())
        r = c.exec_run(["sh", "-c", "exit 4"])
        print(r.exit_code)
        """
        let python = try daemon.run("python3", ["-c", script])
        #expect(!python.stderr.contains("No module named"), "the Python docker SDK is missing: pip install docker")
        #expect(python.stdout == "0 hi\n4\n", "\(python.stderr)")

        #expect(try daemon.docker(["inspect", "--format", "{{json .ExecIDs}}", "web"]).stdout == "null\n")
    }
}

import KernelInterface
import LinuxKernel
import Testing
import Trace

/// The real `docker` CLI (28.x), the Python `docker` SDK and curl as clients of a real
/// glassbox-dockerd on this machine: the Engine API is Docker's, unchanged clients work.
@Suite(
    "The real docker CLI against glassbox-dockerd on Linux", .serialized,
    .enabled(if: DockerCLIDaemon.isRoot, "needs root: dockerd mounts overlays and makes cgroups"),
    .enabled(if: DockerCLIDaemon.docker != nil, "needs the docker CLI on PATH (/usr/local/bin or /usr/bin)"),
    .enabled(if: DockerCLIDaemon.hasDockerd, "needs glassbox-dockerd beside the tests: run `swift build` first")
)
struct DockerCLITests {
    @Test("version, images, pull, ps, inspect and rm through the docker CLI")
    func imagesAndContainers() throws {
        let daemon = try DockerCLIDaemon()
        defer { daemon.stop() }
        try DockerCLIScenarios.imagesAndContainers(daemon)
    }

    @Test("the Python SDK's twenty concurrent creates of one name: one 201 and nineteen 409")
    func pythonNameRace() throws {
        let daemon = try DockerCLIDaemon()
        defer { daemon.stop() }
        try DockerCLIScenarios.pythonNameRace(daemon)
    }

    @Test("malformed requests answer 400 with a message and the daemon keeps serving")
    func malformedRequests() throws {
        let daemon = try DockerCLIDaemon()
        defer { daemon.stop() }
        try DockerCLIScenarios.malformedRequests(daemon)
    }

    @Test("the Python SDK: containers.run returns the output, list, get(...).remove(force=True), images.list")
    func pythonSDK() throws {
        let daemon = try DockerCLIDaemon()
        defer { daemon.stop() }
        try DockerCLIScenarios.pythonSDK(daemon)
    }

    @Test("run, run -d, stop -t 1, ps -a shows Exited, logs (glassbox-runc on this host's cgroups)")
    func runningContainers() throws {
        let daemon = try DockerCLIDaemon()
        defer { daemon.stop() }
        try DockerCLIScenarios.runningContainers(daemon)
    }
}

/// A daemon the real clients are pointed at (`DOCKER_HOST`): glassbox-dockerd on this host, or
/// the simulated machine of `glassbox sim serve`.
protocol DockerDaemonUnderTest: AnyObject {
    var socket: String { get }
    /// Runs a program to its end (killed after 60 s) with DOCKER_HOST set; its output.
    func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String)
}

extension DockerDaemonUnderTest {
    var host: String { "unix://" + socket }

    func docker(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try run(DockerCLIDaemon.docker ?? "docker", arguments)
    }
}

/// The docker-CLI scenarios, each run against glassbox-dockerd on Linux (below) and against
/// `glassbox sim serve` (SimServeTests): the same clients, the same expectations.
enum DockerCLIScenarios {
    static func imagesAndContainers(_ daemon: some DockerDaemonUnderTest) throws {
        let version = try daemon.docker(["version", "--format", "{{.Server.APIVersion}} {{.Server.Platform.Name}}"])
        #expect(version.status == 0, "\(version.stderr)")
        #expect(version.stdout == "1.41 Glassbox Engine\n")
        #expect(try daemon.docker(["images"]).stdout.hasPrefix("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE"))
        let pull = try daemon.docker(["pull", "busybox"])
        #expect(pull.status == 0, "\(pull.stderr)")
        #expect(pull.stdout.hasSuffix("docker.io/library/busybox:latest\n"))
        #expect(try daemon.docker(["images", "--format", "{{.Repository}}:{{.Tag}}"]).stdout == "busybox:latest\n")
        #expect(try daemon.docker(["create", "--name", "made", "busybox", "true"]).status == 0)
        #expect(try daemon.docker(["ps", "-a", "--format", "{{.Names}}"]).stdout == "made\n")
        let inspect = try daemon.docker(["inspect", "--format", "{{.Name}} {{.State.Status}} {{.HostConfig.LogConfig.Type}}", "made"])
        #expect(inspect.stdout == "/made created json-file\n", "\(inspect.stderr)")
        #expect(try daemon.docker(["rm", "made"]).stdout == "made\n")
        let missing = try daemon.docker(["rm", "made"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Error response from daemon: No such container: made"))
    }

    static func pythonNameRace(_ daemon: some DockerDaemonUnderTest) throws {
        #expect(try daemon.docker(["pull", "busybox"]).status == 0)
        let script = """
        import docker, threading
        c = docker.DockerClient(base_url="\(daemon.host)")
        res = []
        def go():
            try:
                c.containers.create("busybox", "true", name="race"); res.append(201)
            except docker.errors.APIError as e:
                res.append(e.status_code)
        ts = [threading.Thread(target=go) for _ in range(20)]
        [t.start() for t in ts]; [t.join() for t in ts]
        print(sorted(res), len(c.containers.list(all=True, filters={"name": "race"})))
        """
        let result = try daemon.run("python3", ["-c", script])
        guard !result.stderr.contains("No module named") else { return }
        #expect(result.stdout == "[201" + String(repeating: ", 409", count: 19) + "] 1\n", "\(result.stderr)")
    }

    static func malformedRequests(_ daemon: some DockerDaemonUnderTest) throws {
        func curl(_ arguments: [String]) throws -> String {
            try daemon.run("curl", ["-s", "-w", " %{http_code}", "--unix-socket", daemon.socket] + arguments).stdout
        }
        let create = ["-X", "POST", "-H", "Content-Type: application/json", "http://glassbox/v1.41/containers/create"]
        #expect(try curl(["-d", "{bad"] + create).hasSuffix("\"}\n 400"))
        #expect(try curl(["-d", "{\"Image\":5}"] + create).contains("wrong type"))
        #expect(try curl(["-d", "{\"Image\":\"x\"}", "-X", "POST", "-H", "Content-Type: application/json",
                          "http://glassbox/v1.41/containers/create?name=%2F%2F"]).hasSuffix(" 400"))
        #expect(try curl(["http://glassbox/_ping"]) == "OK 200")
    }

    static func runningContainers(_ daemon: some DockerDaemonUnderTest) throws {
        let hello = try daemon.docker(["run", "--rm", "hello-world"])
        #expect(hello.status == 0, "\(hello.stderr)")
        #expect(hello.stdout.contains("Hello from Glassbox!"))
        let web = try daemon.docker(["run", "-d", "--name", "web", "busybox", "sh", "-c", "echo serving; echo warning >&2; sleep 300"])
        #expect(web.status == 0, "\(web.stderr)")
        #expect(try daemon.docker(["ps", "--format", "{{.Names}} {{.State}}"]).stdout == "web running\n")
        #expect(try daemon.docker(["stop", "-t", "1", "web"]).stdout == "web\n")
        #expect(try daemon.docker(["ps", "-a", "--format", "{{.Status}}"]).stdout.hasPrefix("Exited ("))
        let piped = try daemon.run("/bin/sh", ["-c", "printf 'one\\ntwo\\n' | " + (DockerCLIDaemon.docker ?? "docker") + " run -i --rm busybox wc -l"])
        #expect(piped.status == 0 && piped.stdout.filter { !$0.isWhitespace } == "2", "stdin piped into run -i reaches the container, then its end: \(piped)")
        let logs = try daemon.docker(["logs", "web"])
        #expect(logs.stdout == "serving\n" && logs.stderr == "warning\n", "an exited container's logs, the streams apart: \(logs)")
        #expect(try daemon.docker(["rm", "web"]).status == 0)
    }

    /// The Python SDK as a user writes it: run with remove=True returns the output; list,
    /// get(...).remove(force=True), images.list.
    static func pythonSDK(_ daemon: some DockerDaemonUnderTest) throws {
        let script = """
        import docker
        c = docker.from_env()
        print(repr(c.containers.run("busybox", "echo hi", remove=True)))
        c.containers.run("busybox", "sleep 300", name="bg", detach=True)
        print([x.name for x in c.containers.list()])
        c.containers.get("bg").remove(force=True)
        print(len(c.containers.list(all=True)), sorted(t for i in c.images.list() for t in i.tags))
        """
        let result = try daemon.run("python3", ["-c", script])
        #expect(!result.stderr.contains("No module named"), "the Python docker SDK is missing: pip install docker")
        #expect(result.stdout == "b'hi\\n'\n['bg']\n0 ['busybox:latest']\n", "\(result.stderr)")
    }
}


/// A glassbox-dockerd of its own in a temporary directory (socket, data root, exec root, a
/// registry on a free port), stopped with its containers, children, mounts, cgroups and files.
final class DockerCLIDaemon: DockerDaemonUnderTest {
    static let kernel = LinuxKernel()
    static let isRoot = kernel.getuid() == 0
    static let hasDockerd = sibling("glassbox-dockerd") != nil
    static let docker: String? = ["/usr/local/bin/docker", "/usr/bin/docker"].first { (try? kernel.stat($0)) != nil }

    static func sibling(_ name: String) -> String? {
        guard let own = try? kernel.readlink("/proc/self/exe"), let slash = own.lastIndex(of: "/") else { return nil }
        let candidate = String(own[..<slash]) + "/" + name
        return (try? kernel.stat(candidate))?.kind == .regular ? candidate : nil
    }

    let kernel: Kernel = DockerCLIDaemon.kernel
    let directory: String
    var socket: String { directory + "/gb.sock" }
    let pid: ProcessID

    init() throws {
        let kernel = DockerCLIDaemon.kernel
        let tag = kernel.getrandom(6).map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let directory = "/tmp/gbcli-" + tag
        self.directory = directory
        try kernel.mkdirAll(directory)
        guard let dockerd = DockerCLIDaemon.sibling("glassbox-dockerd") else { throw Errno.ENOENT }
        let log = try kernel.open(directory + "/dockerd.log", [.writeOnly, .create, .closeOnExec], mode: 0o644)
        defer { try? kernel.close(log) }
        pid = try kernel.spawn(SpawnRequest(
            path: dockerd, arguments: ["glassbox-dockerd", "-H", "unix://" + directory + "/gb.sock", "--data-root", directory + "/data",
                                       "--exec-root", directory + "/run", "--registry-listen", "127.0.0.1:0"],
            environment: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            fileActions: [.duplicate(log, to: .standardOutput), .duplicate(log, to: .standardError)]
        ))
        for _ in 0..<500 where (try? kernel.stat(directory + "/gb.sock"))?.kind != .socket { try kernel.nanosleep(10_000_000) }
    }

    func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let outPath = directory + "/out", errPath = directory + "/err"
        let null = try kernel.open("/dev/null", [.readOnly, .closeOnExec], mode: 0)
        let out = try kernel.open(outPath, [.writeOnly, .create, .truncate, .closeOnExec], mode: 0o644)
        let err = try kernel.open(errPath, [.writeOnly, .create, .truncate, .closeOnExec], mode: 0o644)
        let path = program.hasPrefix("/") ? program : try kernel.lookPath(program, environment: ["PATH=/root/.pyenv/shims:/usr/local/bin:/usr/bin:/bin"])
        let child: ProcessID
        do {
            defer { for fd in [null, out, err] { try? kernel.close(fd) } }
            child = try kernel.spawn(SpawnRequest(
                path: path, arguments: [program] + arguments,
                environment: ["DOCKER_HOST=" + host, "PATH=/root/.pyenv/shims:/usr/local/bin:/usr/bin:/bin", "HOME=/root", "NO_COLOR=1"],
                fileActions: [.duplicate(null, to: .standardInput), .duplicate(out, to: .standardOutput), .duplicate(err, to: .standardError)]
            ))
        }
        var status: WaitStatus?
        for _ in 0..<6000 {
            if let (_, ended) = try kernel.wait4(child, options: .noHang) { status = ended; break }
            try kernel.nanosleep(10_000_000)
        }
        if status == nil {
            try? kernel.kill(child, .SIGKILL)
            _ = try? kernel.wait4(child, options: [])
        }
        return (status?.exitCode ?? -1, try kernel.readTextFile(outPath), try kernel.readTextFile(errPath))
    }

    /// Removes every container (so runc deletes their cgroups), stops dockerd and the
    /// containerd and registry it started, unmounts what is left under the directory, removes
    /// any cgroup of a container it made, and the directory.
    func stop() {
        let ids = ((try? docker(["ps", "-aq", "--no-trunc"]))?.stdout ?? "").split(separator: "\n").map(String.init)
        if !ids.isEmpty { _ = try? docker(["rm", "-f"] + ids) }
        let children = ((try? kernel.readTextFile("/proc/\(pid.rawValue)/task/\(pid.rawValue)/children")) ?? "")
            .split(separator: " ").compactMap { Int32($0) }.map { ProcessID(rawValue: $0) }
        try? kernel.kill(pid, .SIGTERM)
        _ = try? kernel.wait4(pid, options: [])
        for child in children { try? kernel.kill(child, .SIGTERM) }
        let mounts = ((try? kernel.readTextFile("/proc/self/mountinfo")) ?? "").split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            return fields.count > 4 && fields[4].hasPrefix(directory) ? String(fields[4]) : nil
        }
        for point in mounts.reversed() { try? kernel.umount(point, flags: .detach) }
        for id in ids {
            for hierarchy in ((try? kernel.readdir("/sys/fs/cgroup")) ?? []).map(\.name) {
                try? kernel.rmdir("/sys/fs/cgroup/\(hierarchy)/docker/\(id)")
            }
            try? kernel.rmdir("/sys/fs/cgroup/docker/\(id)")
        }
        try? kernel.removeAll(directory)
    }
}

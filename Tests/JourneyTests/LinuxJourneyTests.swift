import Foundation
import Testing
import TestSupport
import Trace

/// The whole engine on this real machine, as root: a real glassbox-dockerd (which starts its
/// containerd and the built-in registry), the real client, real containers. Skips with the
/// reason when not root, when busybox-static is missing, when the executables are not built,
/// or when another Glassbox already uses the default exec root.
///
/// dockerd keeps the default exec root (/run/glassbox) so that the argv of every exec hop is
/// the simulator's, and `trace diff` can compare the two journeys hop by hop; its data root,
/// socket and registry port are the test's own.
@Suite("The engine on the Linux kernel", .serialized,
       .enabled(if: LinuxHost.skipReason == nil, Comment(rawValue: LinuxHost.skipReason ?? "")))
final class LinuxJourneyTests {
    static var build: URL? { LinuxHost.build }

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("glassbox-linux-\(getpid())")
    var socket: String { directory.appendingPathComponent("gb.sock").path }
    var trace: String { directory.appendingPathComponent("real.jsonl").path }
    var daemon: Process?

    struct Result {
        var status: Int32
        var output: String
    }

    func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let program = try #require(Self.build?.appendingPathComponent(executable).path)
        var environment = HostCommand.inheritedEnvironment.filter { !$0.hasPrefix("GLASSBOX_HOST=") }
        environment.append("GLASSBOX_HOST=unix://" + socket)
        for (key, value) in extra { environment = environment.filter { !$0.hasPrefix(key + "=") } + [key + "=" + value] }
        let outcome = try HostCommand.run(program, arguments, environment: environment, timeLimitSeconds: 120)
        return Result(status: outcome.status ?? -1, output: outcome.stdout + outcome.stderr)
    }

    func glassbox(_ arguments: [String]) throws -> Result {
        try run("glassbox", ["--kernel", "linux", "--trace", trace] + arguments)
    }

    func startDaemon() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = Self.build?.appendingPathComponent("glassbox-dockerd")
        process.arguments = ["-H", "unix://" + socket, "--data-root", directory.appendingPathComponent("data").path,
                             "--registry-listen", "127.0.0.1:0"]
        var environment = ProcessInfo.processInfo.environment
        environment["GLASSBOX_TRACE"] = trace
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        daemon = process
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: socket) { usleep(20_000) }
    }

    /// Stops dockerd and the daemons it started, and removes what the test made.
    func stopDaemon() {
        if let daemon, daemon.isRunning {
            // Bounded waits only: Foundation's waitUntilExit can miss the exit of a process
            // killed by a signal and wait for ever.
            daemon.terminate()
            for _ in 0..<100 where daemon.isRunning { usleep(50_000) }
            if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) }
            for _ in 0..<100 where daemon.isRunning { usleep(20_000) }
        }
        for pattern in ["glassbox-containerd --address /run/glassbox/containerd", "glassbox-registry --listen 127.0.0.1:0 --root " + directory.path] {
            _ = try? HostCommand.run("/usr/bin/pkill", ["-KILL", "-f", pattern], timeLimitSeconds: 5)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The mounts under `prefixes` (this test's data root and the exec root): other suites'
    /// daemons mount and unmount elsewhere at the same time.
    static func mountCount(under prefixes: [String]) -> Int {
        ((try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? "").split(separator: "\n").filter { line in
            let fields = line.split(separator: " ")
            return fields.count > 4 && prefixes.contains { fields[4].hasPrefix($0) }
        }.count
    }

    /// Live processes called `name`, with their parent; with `commandContaining`, only those
    /// whose command line holds it (a shim of this test's containerd, not another suite's).
    static func processes(named name: String, commandContaining text: String? = nil) -> [(pid: Int32, ppid: Int32)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> (Int32, Int32)? in
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return nil }
            let comm = stat[stat.index(after: open)..<close]
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard comm == name, fields.count > 2, fields[0] != "Z", let ppid = Int32(fields[1]) else { return nil }
            if let text {
                let cmdline = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/cmdline"))) ?? Data()
                guard String(decoding: cmdline.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self).contains(text) else { return nil }
            }
            return (pid, ppid)
        }
    }

    /// The cgroups left of the containers in `ids` (every controller's `docker/<id>`).
    static func containerCgroups(of ids: Set<String>) -> [String] {
        let controllers = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/fs/cgroup")) ?? []
        return controllers.flatMap { controller -> [String] in
            let docker = "/sys/fs/cgroup/\(controller)/docker"
            return ((try? FileManager.default.contentsOfDirectory(atPath: docker)) ?? []).filter { ids.contains($0) }.map { docker + "/" + $0 }
        }
    }

    /// The ids of the containers this test's dockerd made, from its trace.
    func containerIDs() -> Set<String> {
        let text = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
        return Set(text.split(separator: "\n").compactMap { line -> String? in
            guard let event = try? TraceEvent(line: Array(line.utf8)), event.kind == .lifecycle,
                  let id = event.attribute("id")?.stringValue, id.count == 64 else { return nil }
            return id
        })
    }

    /// This test's containerd (the default exec root's), as its shims name it.
    static let ownContainerd = "-address /run/glassbox/containerd/containerd.sock"

    @Test("hello-world, a busybox that sees only itself, Docker's exit codes, run -d and rm -f, nothing left behind, the same hops as the simulator")
    func journey() throws {
        let mountPrefixes = [directory.path, "/run/glassbox/"]
        let mountsBefore = Self.mountCount(under: mountPrefixes)
        try startDaemon()
        defer { stopDaemon() }

        let hello = try glassbox(["run", "--rm", "hello-world"])
        #expect(hello.status == 0, "\(hello.output)")
        #expect(hello.output.contains("Hello from Glassbox!"))

        let hostName = ProcessInfo.processInfo.hostName
        let inside = try glassbox(["run", "--rm", "busybox", "sh", "-c", "hostname; ps; cat /proc/self/cgroup"])
        #expect(inside.status == 0, "\(inside.output)")
        let lines = inside.output.split(separator: "\n").map(String.init)
        // The pull's progress comes first (stderr is merged); the hostname is the container's
        // short id, twelve hex digits.
        let hostnameLine = lines.first(where: { $0.count == 12 && $0.allSatisfy(\.isHexDigit) })
        #expect(hostnameLine != nil && hostnameLine != hostName, "the container's hostname is its short id: \(inside.output)")
        #expect(lines.contains(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("1 root") }), "pid 1 is the container's own: \(inside.output)")
        #expect(lines.contains(where: { $0.contains(":/docker/") }), "the cgroup is the container's: \(inside.output)")

        #expect(try glassbox(["run", "--rm", "busybox", "sh", "-c", "exit 3"]).status == 3)
        #expect(try glassbox(["run", "--rm", "busybox", "no-such-program"]).status == 127)
        #expect(try glassbox(["run", "--rm", "busybox", "/etc/passwd"]).status == 126)

        let detached = try glassbox(["run", "-d", "--name", "web", "busybox", "sleep", "300"])
        #expect(detached.status == 0, "\(detached.output)")
        usleep(200_000)
        let shims = Self.processes(named: "glassbox-shim", commandContaining: Self.ownContainerd)
        let sleeps = Self.processes(named: "sleep").filter { sleeper in shims.contains(where: { $0.pid == sleeper.ppid }) }
        #expect(sleeps.count == 1, "the shim is the parent of the container's process")
        #expect(Self.processes(named: "glassbox-runc", commandContaining: "--root /run/glassbox/runtime-runc").isEmpty, "no runc remains once the container runs")
        // runc keeps the container's state under dockerd's exec root, as Docker's runtime-runc.
        let webID = detached.output.split(separator: "\n").map(String.init).last(where: { $0.count == 64 && $0.allSatisfy(\.isHexDigit) })
        let webState = "/run/glassbox/runtime-runc/moby/" + (webID ?? "?") + "/state.json"
        #expect(FileManager.default.fileExists(atPath: webState), "runc's state is at \(webState): \(detached.output)")
        #expect(try glassbox(["rm", "-f", "web"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: webState), "runc delete removed its state")

        for _ in 0..<20 { #expect(try glassbox(["run", "--rm", "busybox", "true"]).status == 0) }
        usleep(300_000)
        #expect(Self.mountCount(under: mountPrefixes) == mountsBefore, "the mount table is back where it started")
        let ids = containerIDs()
        #expect(ids.count >= 25, "the trace names every container made: \(ids.count)")
        #expect(Self.containerCgroups(of: ids).isEmpty, "no container cgroup is left: \(Self.containerCgroups(of: ids))")
        #expect(Self.processes(named: "glassbox-shim", commandContaining: Self.ownContainerd).isEmpty, "no shim is left")

    }

    @Test("the real hello-world journey has the simulator's hops, in the same order")
    func sameHopsAsSimulator() throws {
        try startDaemon()
        defer { stopDaemon() }
        #expect(try glassbox(["run", "--rm", "hello-world"]).status == 0)
        let simulated = directory.appendingPathComponent("sim.jsonl").path
        #expect(try run("glassbox", ["--seed", "7", "--trace", simulated, "run", "--rm", "hello-world"]).status == 0)
        let diff = try run("glassbox", ["trace", "diff", simulated, trace])
        #expect(diff.status == 0, "the journeys differ:\n\(diff.output)")
        #expect(diff.output.hasPrefix("no hop differs"))
    }

    @Test("containerd and the registry die with dockerd, even when dockerd is killed (moby's Pdeathsig)")
    func childrenDieWithDockerd() throws {
        try startDaemon()
        defer { stopDaemon() }
        let registryPattern = "glassbox-registry --listen 127.0.0.1:0 --root " + directory.path
        let containerdPattern = "glassbox-containerd --address /run/glassbox/containerd"
        #expect(try HostCommand.run("/usr/bin/pgrep", ["-f", registryPattern]).status == 0, "the registry runs")
        #expect(try HostCommand.run("/usr/bin/pgrep", ["-f", containerdPattern]).status == 0, "containerd runs")
        let daemon = try #require(daemon)
        kill(daemon.processIdentifier, SIGKILL)
        var left: [String] = [registryPattern, containerdPattern]
        for _ in 0..<100 where !left.isEmpty {
            left = try left.filter { try HostCommand.run("/usr/bin/pgrep", ["-f", $0]).status == 0 }
            usleep(20_000)
        }
        #expect(left.isEmpty, "still running after dockerd was killed: \(left)")
    }
}

/// What this machine offers the Linux journey, decided once.
enum LinuxHost {
    static let build: URL? = {
        var directory = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "")
        for _ in 0..<4 {
            directory.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("glassbox-dockerd").path) { return directory }
        }
        return nil
    }()
    static let skipReason: String? = {
        if getuid() != 0 { return "needs root (real namespaces, mounts and cgroups); CI runs as root" }
        if !FileManager.default.fileExists(atPath: "/bin/busybox") { return "needs Debian's busybox-static for the busybox image" }
        if build == nil { return "glassbox-dockerd is not built next to the tests: run swift build" }
        if containerdIsServing() { return "a Glassbox daemon already uses /run/glassbox" }
        return nil
    }()

    /// Whether a containerd answers on the default socket (a socket file alone may be stale).
    static func containerdIsServing() -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array("/run/glassbox/containerd/containerd.sock".utf8CString)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.enumerated() where index < raw.count { raw[index] = UInt8(bitPattern: byte) }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
        }
    }
}

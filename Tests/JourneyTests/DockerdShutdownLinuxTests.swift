import Foundation
import LinuxKernel
import Testing
import TestSupport
import Wire

/// dockerd on SIGTERM, as root on this machine: it stops its running containers the way
/// `docker stop` does (moby's daemon.Shutdown), waits until each is cleaned up, removes its
/// socket and pidfile, and exits 0, leaving no shim, container process, mount or cgroup.
/// dockerd runs on roots of the test's own (data root, exec root, socket), so its containerd
/// and shims are told apart from any other suite's by their socket path.
@Suite("dockerd stops its containers when it is told to stop", .serialized,
       .enabled(if: LinuxHost.skipReason == nil, Comment(rawValue: LinuxHost.skipReason ?? "")))
final class DockerdShutdownLinuxTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("glassbox-shutdown-\(getpid())")
    var socket: String { directory.appendingPathComponent("gb.sock").path }
    var dataRoot: String { directory.appendingPathComponent("data").path }
    var execRoot: String { directory.appendingPathComponent("exec").path }
    var pidfile: String { directory.appendingPathComponent("dockerd.pid").path }
    var log: String { directory.appendingPathComponent("dockerd.log").path }
    /// What the shims of this test's containerd carry on their command line.
    var ownContainerd: String { "-address \(execRoot)/containerd/containerd.sock" }
    var daemon: Process?

    deinit {
        // Only what a failed test left: its dockerd, then the shims and mounts of its roots.
        if let daemon, daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) }
        for shim in LinuxJourneyTests.processes(named: "glassbox-shim", commandContaining: ownContainerd) { kill(shim.pid, SIGKILL) }
        for mount in mounts() { _ = umount2(mount, Int32(MNT_DETACH)) }
        try? FileManager.default.removeItem(at: directory)
    }

    func startDaemon() throws -> Process {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = LinuxHost.build?.appendingPathComponent("glassbox-dockerd")
        process.arguments = ["-H", "unix://" + socket, "--data-root", dataRoot, "--exec-root", execRoot,
                             "--pidfile", pidfile, "--registry-listen", "127.0.0.1:0"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        daemon = process
        for _ in 0..<250 where !FileManager.default.fileExists(atPath: socket) { usleep(20_000) }
        return process
    }

    /// `glassbox --kernel linux ARGS` against this test's dockerd.
    func glassbox(_ arguments: [String]) throws -> HostCommand.Outcome {
        let program = try #require(LinuxHost.build?.appendingPathComponent("glassbox").path)
        let environment = HostCommand.inheritedEnvironment.filter { !$0.hasPrefix("GLASSBOX_HOST=") } + ["GLASSBOX_HOST=unix://" + socket]
        return try HostCommand.run(program, ["--kernel", "linux"] + arguments, environment: environment, timeLimitSeconds: 120)
    }

    /// `run -d` with a stop timeout (`docker run --stop-timeout`, which the glassbox client does
    /// not offer): the image pulled by the client, the container created and started through
    /// the Engine API; its id.
    func runDetached(_ command: [String], stopTimeout: Int? = nil) throws -> String {
        let pull = try glassbox(["pull", "busybox"])
        #expect(pull.status == 0, "\(pull.stdout)\(pull.stderr)")
        var config: [String: Any] = ["Image": "busybox", "Cmd": command]
        if let stopTimeout { config["StopTimeout"] = stopTimeout }
        let api = HTTPClient(kernel: LinuxKernel(), address: .unix(socket), host: EngineAPI.host, userAgent: "shutdown-test")
        let created = try api.send("POST", "/v\(EngineAPI.version)/containers/create", headers: [("Content-Type", "application/json")],
                                   body: Array(try JSONSerialization.data(withJSONObject: config)))
        #expect(created.status == 201, "\(String(decoding: created.body, as: UTF8.self))")
        let answer = try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any]
        let id = try #require(answer?["Id"] as? String)
        let started = try api.send("POST", "/v\(EngineAPI.version)/containers/\(id)/start")
        #expect(started.status == 204, "\(String(decoding: started.body, as: UTF8.self))")
        return id
    }

    /// Sends SIGTERM and waits up to `limitSeconds` for dockerd to exit; its status (nil if it
    /// still runs) and how long it took.
    func terminate(_ process: Process, limitSeconds: Double) -> (status: Int32?, seconds: Double) {
        let start = Date()
        kill(process.processIdentifier, SIGTERM)
        while process.isRunning, Date().timeIntervalSince(start) < limitSeconds { usleep(20_000) }
        let seconds = Date().timeIntervalSince(start)
        guard !process.isRunning else { return (nil, seconds) }
        return (process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus, seconds)
    }

    /// The container processes the shims of this test's containerd are the parents of.
    func containerProcesses() -> [Int32] {
        let shims = Set(LinuxJourneyTests.processes(named: "glassbox-shim", commandContaining: ownContainerd).map(\.pid))
        return ["sleep", "sh"].flatMap { LinuxJourneyTests.processes(named: $0) }.filter { shims.contains($0.ppid) }.map(\.pid)
    }

    /// The mount points under this test's roots.
    func mounts() -> [String] {
        ((try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count > 4, fields[4].hasPrefix(directory.path) else { return nil }
            return String(fields[4])
        }
    }

    /// What a stopped dockerd must not leave: processes, mounts, cgroups, its socket and pidfile.
    func expectNothingLeft(of ids: Set<String>, containers: [Int32]) {
        #expect(LinuxJourneyTests.processes(named: "glassbox-shim", commandContaining: ownContainerd).isEmpty, "no shim is left")
        #expect(containers.allSatisfy { kill($0, 0) != 0 }, "no container process is left: \(containers)")
        #expect(mounts().isEmpty, "no mount is left under the data root: \(mounts())")
        #expect(LinuxJourneyTests.containerCgroups(of: ids).isEmpty, "no container cgroup is left: \(LinuxJourneyTests.containerCgroups(of: ids))")
        #expect(!FileManager.default.fileExists(atPath: socket), "the API socket is removed")
        #expect(!FileManager.default.fileExists(atPath: pidfile), "the pidfile is removed")
    }

    @Test("SIGTERM stops the running containers through containerd, cleans them up, and dockerd exits 0")
    func terminateStopsContainers() throws {
        let process = try startDaemon()
        #expect(FileManager.default.fileExists(atPath: pidfile))
        // A shell that exits on SIGTERM, and a plain sleep, which as a namespace's init has no
        // handler and so outlives SIGTERM until the SIGKILL after its stop timeout.
        let quitter = try runDetached(["sh", "-c", "trap 'exit 0' TERM; sleep 100 & wait"])
        let sleeper = try runDetached(["sleep", "100"], stopTimeout: 2)
        usleep(200_000)
        let containers = containerProcesses()
        #expect(containers.count >= 2, "both containers run under their shims: \(containers)")
        #expect(!mounts().isEmpty, "their rootfs overlays are mounted")

        let (status, seconds) = terminate(process, limitSeconds: 15)
        #expect(status == 0, "dockerd exited \(String(describing: status)) after \(seconds) s")
        #expect(seconds < 10, "stopped within the sleeper's stop timeout, not dockerd's 15 s: \(seconds) s")
        expectNothingLeft(of: [quitter, sleeper], containers: containers)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(output.contains("Processing signal 'terminated'"), "\(output)")
        #expect(output.contains("Daemon shutdown complete"), "\(output)")
    }

    @Test("containers that ignore SIGTERM are killed after their stop timeout, in parallel")
    func ignoredTermIsKilledAfterStopTimeout() throws {
        let process = try startDaemon()
        let stubborn = try (0..<2).map { _ in
            try runDetached(["sh", "-c", "trap '' TERM; sleep 100"], stopTimeout: 1)
        }
        usleep(200_000)
        let containers = containerProcesses()
        #expect(containers.count >= 2, "both containers run under their shims: \(containers)")

        let (status, seconds) = terminate(process, limitSeconds: 15)
        #expect(status == 0, "dockerd exited \(String(describing: status)) after \(seconds) s")
        #expect(seconds >= 1 && seconds < 4, "one stop timeout of 1 s for both, not 15 s nor one after the other: \(seconds) s")
        expectNothingLeft(of: Set(stubborn), containers: containers)
    }
}

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
    let roots = LinuxDaemonRoots("shutdown")
    var socket: String { roots.socket }
    var pidfile: String { roots.pidfile }

    func startDaemon() throws -> Process { try roots.startDaemon(["--pidfile", pidfile]) }

    func glassbox(_ arguments: [String]) throws -> HostCommand.Outcome { try roots.glassbox(arguments) }

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
        let shims = Set(roots.shims().map(\.pid))
        return ["sleep", "sh"].flatMap { LinuxJourneyTests.processes(named: $0) }.filter { shims.contains($0.ppid) }.map(\.pid)
    }

    /// What a stopped dockerd must not leave: processes, mounts, cgroups, its socket and pidfile.
    func expectNothingLeft(of ids: Set<String>, containers: [Int32]) {
        #expect(roots.shims().isEmpty, "no shim is left")
        #expect(containers.allSatisfy { kill($0, 0) != 0 }, "no container process is left: \(containers)")
        #expect(roots.mounts().isEmpty, "no mount is left under the data root: \(roots.mounts())")
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
        #expect(!roots.mounts().isEmpty, "their rootfs overlays are mounted")

        let (status, seconds) = terminate(process, limitSeconds: 15)
        #expect(status == 0, "dockerd exited \(String(describing: status)) after \(seconds) s")
        #expect(seconds < 10, "stopped within the sleeper's stop timeout, not dockerd's 15 s: \(seconds) s")
        expectNothingLeft(of: [quitter, sleeper], containers: containers)
        let output = roots.logText
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

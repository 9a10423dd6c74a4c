import KernelInterface
import SimKernel
import Testing
import Trace

/// A dockerd started again on the same roots reloads the containers the last one left, as
/// moby's daemon `restore` does: on the simulated machine, a driver program makes containers
/// through one dockerd, stops or kills it, starts another and looks at what it knows.
@Suite("dockerd restores its containers on the simulator")
struct DockerdRestoreSimTests {
    static let driverPath = "/usr/libexec/glassbox/restore-driver"

    /// Seeds the restart round trips run with: each orders the daemons' threads differently.
    /// With 3 and 35 a dockerd that exited as soon as its containers stopped, before their
    /// monitors had recorded the exits on disk, left them recorded as running.
    static let seeds: [UInt64] = [3, 7, 8, 35]

    static func journey(seed: UInt64 = 7, _ body: @escaping @Sendable (RestoreDriver) throws -> Void) throws -> Journey {
        let program = Program(name: "restore-driver", participant: "client") { context in
            RestoreDriver.run(context, body)
        }
        return try Journey.run([], seed: seed, client: driverPath) { machine in
            machine.installExecutable(driverPath, program: program)
        }
    }

    @Test("after a clean shutdown a new dockerd lists the exited, created (renamed) and stopped containers, with their logs; start and rm work",
          arguments: seeds)
    func roundTripAfterShutdown(seed: UInt64) throws {
        let journey = try Self.journey(seed: seed) { driver in
            try driver.glassbox("pull", ["pull", "busybox"])
            try driver.glassbox("run three", ["run", "--name", "three", "busybox", "sh", "-c", "echo out; exit 3"])
            try driver.glassbox("create draft", ["create", "--name", "draft", "busybox", "echo", "fresh output"])
            try driver.glassbox("rename", ["rename", "draft", "fresh"])
            try driver.glassbox("run sleeper", ["run", "-d", "--name", "sleeper", "busybox", "sleep", "300"])
            let three = try driver.id("three")
            try driver.stopDaemon(.SIGTERM)
            // What a dockerd that died half-way through a removal would leave in its trash.
            try driver.kernel.mkdirAll("/var/lib/glassbox/trash/0123-layer/diff")
            try driver.kernel.writeFile("/var/lib/glassbox/trash/0123-layer/diff/file", "left")
            try driver.startDaemon()
            try driver.glassbox("ps", ["ps", "-a", "--format", "{{.Names}} {{.Status}}"])
            driver.report("states", try ["three", "fresh", "sleeper"].map(driver.state).joined(separator: "\n"))
            try driver.glassbox("logs three", ["logs", "three"])
            try driver.glassbox("start fresh", ["start", "fresh"])
            try driver.glassbox("wait fresh", ["wait", "fresh"])
            try driver.glassbox("logs fresh", ["logs", "fresh"])
            try driver.glassbox("rm three", ["rm", "three"])
            driver.report("three's files", driver.files(three))
            driver.report("after rm", try driver.state("three"))
            try driver.stopDaemon(.SIGTERM)
            driver.report("trash", driver.entries("/var/lib/glassbox/trash").joined(separator: " "))
        }
        #expect(journey.status == .exited(0), "stderr: \(journey.standardError)")
        let ps = journey.section("ps")
        #expect(ps.contains("three Exited (3)"), "\(ps)")
        #expect(ps.contains("fresh Created"), "by its new name: \(ps)")
        #expect(!ps.contains("draft"), "\(ps)")
        #expect(ps.contains("sleeper Exited (137)"), "the shutdown stopped it: \(ps)")
        #expect(journey.section("states") == "three exited 3\nfresh created 0\nsleeper exited 137")
        #expect(journey.section("logs three") == "out")
        #expect(journey.section("logs fresh") == "fresh output")
        #expect(journey.section("wait fresh") == "0")
        #expect(journey.section("three's files") == "none")
        #expect(journey.section("trash") == "", "the removed container's files and the old dockerd's leftovers are deleted")
        #expect(journey.section("after rm") == "three gone")
    }

    @Test("a config.v2.json that does not parse is skipped with a log line; the other containers come back")
    func corruptConfigIsSkipped() throws {
        let journey = try Self.journey { driver in
            try driver.glassbox("pull", ["pull", "busybox"])
            try driver.glassbox("create keep", ["create", "--name", "keep", "busybox", "true"])
            try driver.stopDaemon(.SIGTERM)
            let broken = "/var/lib/glassbox/containers/0123456789ab"
            try driver.kernel.mkdir(broken, mode: 0o710)
            try driver.kernel.writeFile(broken + "/config.v2.json", "{\"ID\": \"0123456789ab\", \"State\": {")
            try driver.startDaemon()
            try driver.glassbox("ps", ["ps", "-a", "--format", "{{.Names}} {{.Status}}"])
            driver.report("broken left", driver.entries(broken).joined(separator: " "))
        }
        #expect(journey.status == .exited(0), "stderr: \(journey.standardError)")
        #expect(journey.section("ps") == "keep Created")
        #expect(journey.standardError.contains("failed to load container 0123456789ab: config.v2.json:"), "\(journey.standardError)")
        #expect(journey.section("broken left") == "config.v2.json", "moby leaves what it cannot load")
        let logged = journey.events.contains { $0.kind == .log && ($0.body?.stringValue ?? "").hasPrefix("failed to load container 0123456789ab") }
        #expect(logged, "the log line is in the trace too")
    }

    /// The killed dockerd's containerd dies with it (its parent-death signal), but the shims it
    /// started daemonized and live on with their containers. The new dockerd's containerd finds
    /// them again from their bundles (Containerd+Load.swift), and dockerd's restore stops what
    /// still runs, as moby does without --live-restore: nothing is left unseen, and the
    /// container can be started again.
    @Test("after dockerd is killed, the new one's containerd finds the live shims; the containers are stopped (137), --rm ones removed, start works",
          arguments: seeds)
    func killedDaemonsTasksAreFoundAndStopped(seed: UInt64) throws {
        let journey = try Self.journey(seed: seed) { driver in
            try driver.glassbox("pull", ["pull", "busybox"])
            try driver.glassbox("run sleeper", ["run", "-d", "--name", "sleeper", "busybox", "sleep", "300"])
            try driver.glassbox("run temp", ["run", "-d", "--rm", "--name", "temp", "busybox", "sleep", "300"])
            let sleeper = try driver.id("sleeper"), temp = try driver.id("temp")
            try driver.stopDaemon(.SIGKILL)
            driver.report("merged before", driver.entries("/var/lib/glassbox/overlay2/\(sleeper)/merged").isEmpty ? "empty" : "mounted")
            try driver.startDaemon(seconds: 30)
            driver.report("states", try ["sleeper", "temp"].map(driver.state).joined(separator: "\n"))
            driver.report("merged after", driver.entries("/var/lib/glassbox/overlay2/\(sleeper)/merged").isEmpty ? "empty" : "mounted")
            driver.report("temp's files", driver.files(temp))
            try driver.glassbox("start sleeper", ["start", "sleeper"])
            driver.report("started", try driver.state("sleeper"))
            try driver.glassbox("rm sleeper", ["rm", "-f", "sleeper"])
            driver.report("sleeper's files", driver.files(sleeper))
        }
        #expect(journey.status == .exited(0), "stderr: \(journey.standardError)")
        #expect(journey.section("merged before") == "mounted")
        #expect(journey.section("states") == "sleeper exited 137\ntemp gone", "stopped: SIGTERM, ignored by pid 1, then SIGKILL")
        #expect(journey.section("merged after") == "empty", "the stopped container's rootfs is unmounted")
        #expect(journey.section("temp's files") == "none")
        #expect(journey.section("started") == "sleeper running 0", "no runc or shim of the old task is in the way")
        #expect(journey.section("rm sleeper").hasPrefix("sleeper"))
        #expect(journey.section("sleeper's files") == "none")
        let loaded = journey.events.filter { $0.kind == .lifecycle && $0.op == "task.load" }
        #expect(loaded.count == 2, "containerd finds both shims again")
        let gets = journey.events.filter { $0.kind == .request && $0.op == "containerd.services.tasks.v1.Tasks/Get" }
        #expect(gets.count == 2, "containerd is asked about each container recorded as running")
        let restored = journey.events.filter { $0.kind == .lifecycle && $0.op == "container.restore" }
        #expect(restored.count == 2)
    }

    /// A shim that died with the daemon (here: killed too) cannot be reached; containerd runs
    /// `glassbox-shim … delete` in its bundle, whose `runc delete --force` kills the orphaned
    /// container and removes its runc state and cgroup, as containerd's cleanupAfterDeadShim does.
    @Test("after dockerd and the shim are killed, containerd cleans up after the dead shim (runc delete --force); the container is Exited (255) and starts again",
          arguments: seeds)
    func deadShimIsCleanedUp(seed: UInt64) throws {
        let journey = try Self.journey(seed: seed) { driver in
            try driver.glassbox("pull", ["pull", "busybox"])
            try driver.glassbox("run sleeper", ["run", "-d", "--name", "sleeper", "busybox", "sleep", "300"])
            let sleeper = try driver.id("sleeper")
            let bundle = "/run/glassbox/containerd/io.containerd.runtime.v2.task/moby/" + sleeper
            guard let shim = Int32(try driver.kernel.readTextFile(bundle + "/shim.pid")) else { throw RestoreDriver.Failure(description: "no shim.pid") }
            try driver.stopDaemon(.SIGKILL)
            try driver.kernel.kill(ProcessID(rawValue: shim), .SIGKILL)
            try driver.kernel.nanosleep(100_000_000)
            driver.report("runc state before", driver.kernel.exists("/run/glassbox/runtime-runc/moby/" + sleeper) ? "kept" : "gone")
            // A bundle the dead containerd was removing (renamed to .<id>) when it died.
            let hidden = "/run/glassbox/containerd/io.containerd.runtime.v2.task/moby/.0123"
            try driver.kernel.mkdirAll(hidden + "/rootfs")
            try driver.kernel.writeFile(hidden + "/config.json", "{}")
            try driver.startDaemon()
            driver.report("hidden bundle", driver.kernel.exists(hidden) ? "kept" : "gone")
            driver.report("states", try driver.state("sleeper"))
            driver.report("runc state after", driver.kernel.exists("/run/glassbox/runtime-runc/moby/" + sleeper) ? "kept" : "gone")
            driver.report("bundle", driver.kernel.exists(bundle) ? "kept" : "gone")
            try driver.glassbox("start sleeper", ["start", "sleeper"])
            driver.report("started", try driver.state("sleeper"))
            try driver.glassbox("rm sleeper", ["rm", "-f", "sleeper"])
            driver.report("sleeper's files", driver.files(sleeper))
        }
        #expect(journey.status == .exited(0), "stderr: \(journey.standardError)")
        #expect(journey.section("runc state before") == "kept")
        #expect(journey.section("states") == "sleeper exited 255")
        #expect(journey.section("runc state after") == "gone", "runc delete --force ran for the dead shim")
        #expect(journey.section("bundle") == "gone")
        #expect(journey.section("hidden bundle") == "gone", "containerd removes what a dead one was removing")
        #expect(journey.section("started") == "sleeper running 0")
        #expect(journey.section("sleeper's files") == "none")
        let cleanups = journey.events.filter { $0.kind == .request && $0.op.hasSuffix(" delete") && $0.op.hasPrefix("glassbox-shim") }
        #expect(cleanups.count == 1, "containerd ran the shim's delete once")
    }

    @Test("with a containerd that outlived it, a new dockerd takes the running task back, keeps its output and stops it (no --live-restore)",
          arguments: seeds)
    func liveTaskIsReattached(seed: UInt64) throws {
        let journey = try Self.journey(seed: seed) { driver in
            let kernel = driver.kernel
            let containerd = try kernel.spawn(SpawnRequest(
                path: "/usr/bin/glassbox-containerd",
                arguments: ["glassbox-containerd", "--address", "/run/outer/containerd.sock", "--root", "/var/lib/outer", "--state", "/run/outer"],
                environment: driver.context.environment
            ))
            let outer = ["--containerd", "unix:///run/outer/containerd.sock"]
            try driver.stopDaemon(.SIGTERM)
            try driver.startDaemon(outer)
            try driver.glassbox("pull", ["pull", "busybox"])
            try driver.glassbox("run talker", ["run", "-d", "--name", "talker", "busybox", "sh", "-c", "echo before; sleep 100; echo after"])
            try kernel.nanosleep(1_000_000_000)
            try driver.stopDaemon(.SIGKILL)
            try driver.startDaemon(outer, seconds: 15)
            driver.report("restored", try driver.state("talker"))
            try driver.glassbox("wait talker", ["wait", "talker"])
            try driver.glassbox("logs talker", ["logs", "talker"])
            driver.report("after exit", try driver.state("talker"))
            try driver.stopDaemon(.SIGTERM)
            try kernel.kill(containerd, .SIGKILL)
            _ = try driver.reap(containerd)
        }
        #expect(journey.status == .exited(0), "stderr: \(journey.standardError)")
        #expect(journey.section("restored") == "talker exited 137", "stopped as moby stops it: SIGTERM, ignored by pid 1, then SIGKILL")
        #expect(journey.section("wait talker") == "137")
        #expect(journey.section("logs talker") == "before", "what it wrote before the restart reaches the log")
        #expect(journey.section("after exit") == "talker exited 137")
    }
}

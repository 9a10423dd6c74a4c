import Foundation
import LinuxKernel
import Testing
import TestSupport

/// A dockerd started again on the roots of one that stopped, as root on this machine: it
/// reloads the containers the first one made (moby's daemon `restore`), with their states, exit
/// codes and logs, and starts and removes them with real processes, mounts and cgroups; once
/// the second one stops, nothing of either is left.
@Suite("dockerd restores its containers when it starts again", .serialized,
       .enabled(if: LinuxHost.skipReason == nil, Comment(rawValue: LinuxHost.skipReason ?? "")))
final class DockerdRestoreLinuxTests {
    let roots = LinuxDaemonRoots("restore")
    var socket: String { roots.socket }
    var dataRoot: String { roots.dataRoot }
    var execRoot: String { roots.execRoot }

    func startDaemon() throws -> Process { try roots.startDaemon() }

    func glassbox(_ arguments: [String]) throws -> HostCommand.Outcome { try roots.glassbox(arguments) }

    func mounts() -> [String] { roots.mounts() }

    /// SIGTERM, and up to 30 s for dockerd to exit; its exit status, nil if it still runs.
    func terminate(_ process: Process) -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<1500 where process.isRunning { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    @Test("containers made before a shutdown come back with their states and logs; start and rm work on them")
    func roundTrip() throws {
        let first = try startDaemon()
        #expect(try glassbox(["pull", "busybox"]).status == 0)
        let three = try glassbox(["run", "--name", "three", "busybox", "sh", "-c", "echo out; exit 3"])
        #expect(three.status == 3, "\(three.stdout)\(three.stderr)")
        #expect(try glassbox(["create", "--name", "fresh", "busybox", "echo", "fresh output"]).status == 0)
        let sleeper = try glassbox(["run", "-d", "--name", "sleeper", "busybox", "sh", "-c", "trap 'exit 7' TERM; sleep 100 & wait"])
        #expect(sleeper.status == 0, "\(sleeper.stderr)")
        let ids = try glassbox(["inspect", "-f", "{{.Id}}", "three", "fresh", "sleeper"]).stdout.split(separator: "\n").map(String.init)
        #expect(ids.count == 3)
        usleep(200_000)
        #expect(terminate(first) == 0, "the first dockerd stops its running container and exits")

        let second = try startDaemon()
        let states = try glassbox(["inspect", "-f", "{{.Name}} {{.State.Status}} {{.State.ExitCode}}", "three", "fresh", "sleeper"])
        #expect(states.stdout == "/three exited 3\n/fresh created 0\n/sleeper exited 7\n", "\(states.stdout)\(states.stderr)")
        let listed = try glassbox(["ps", "-a", "--format", "{{.Names}} {{.Status}}"])
        #expect(listed.stdout.contains("three Exited (3)") && listed.stdout.contains("fresh Created"), "\(listed.stdout)")
        #expect(try glassbox(["logs", "three"]).stdout == "out\n")
        #expect(try glassbox(["start", "fresh"]).status == 0)
        #expect(try glassbox(["wait", "fresh"]).stdout == "0\n")
        #expect(try glassbox(["logs", "fresh"]).stdout == "fresh output\n")
        #expect(try glassbox(["rm", "three"]).status == 0)
        if let threeID = ids.first {
            #expect(!FileManager.default.fileExists(atPath: dataRoot + "/containers/" + threeID), "its directory is removed")
            #expect(!FileManager.default.fileExists(atPath: dataRoot + "/overlay2/" + threeID), "its layer is removed")
        }
        #expect(try glassbox(["rm", "fresh", "sleeper"]).status == 0)
        #expect(terminate(second) == 0)

        #expect(roots.shims().isEmpty, "no shim is left")
        #expect(mounts().isEmpty, "no mount is left under the roots: \(mounts())")
        #expect(LinuxJourneyTests.containerCgroups(of: Set(ids)).isEmpty, "no container cgroup is left")
        #expect(!roots.logText.contains("failed to"), "\(roots.logText)")
    }

    @Test("after dockerd is killed (kill -9), the next one's containerd finds the live shim and dockerd stops the container; nothing is left")
    func killedDaemon() throws {
        let first = try startDaemon()
        #expect(try glassbox(["pull", "busybox"]).status == 0)
        let run = try glassbox(["run", "-d", "--name", "survivor", "busybox", "sh", "-c", "trap 'exit 9' TERM; echo up; sleep 100 & wait"])
        #expect(run.status == 0, "\(run.stderr)")
        let id = try glassbox(["inspect", "-f", "{{.Id}}", "survivor"]).stdout.filter { !$0.isWhitespace }
        usleep(200_000)
        kill(first.processIdentifier, SIGKILL)
        for _ in 0..<500 where first.isRunning { usleep(10_000) }
        usleep(200_000)
        #expect(roots.shims().count == 1,
                "the shim outlives its containerd, which died with dockerd")
        unlink(socket)  // the killed dockerd's socket file is left; startDaemon waits for the new one

        let second = try startDaemon()
        let state = try glassbox(["inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "survivor"])
        #expect(state.stdout == "exited 9\n", "stopped at restore with its stop signal: \(state.stdout)\(state.stderr)")
        #expect(try glassbox(["logs", "survivor"]).stdout == "up\n")
        #expect(roots.shims().isEmpty, "the old shim is gone")
        #expect(try glassbox(["start", "survivor"]).status == 0, "nothing of the old task is in the way")
        #expect(try glassbox(["rm", "-f", "survivor"]).status == 0)
        #expect(terminate(second) == 0)

        #expect(roots.shims().isEmpty, "no shim is left")
        #expect(mounts().isEmpty, "no mount is left under the roots: \(mounts())")
        #expect(LinuxJourneyTests.containerCgroups(of: [id]).isEmpty, "no container cgroup is left")
    }

    @Test("after dockerd and the shim are killed, containerd's cleanup of the dead shim kills the container and removes its runc state and cgroup")
    func deadShim() throws {
        let first = try startDaemon()
        #expect(try glassbox(["pull", "busybox"]).status == 0)
        #expect(try glassbox(["run", "-d", "--name", "orphan", "busybox", "sleep", "100"]).status == 0)
        let id = try glassbox(["inspect", "-f", "{{.Id}}", "orphan"]).stdout.filter { !$0.isWhitespace }
        let bundle = execRoot + "/containerd/io.containerd.runtime.v2.task/moby/" + id
        let shim = try #require(Int32(try String(contentsOfFile: bundle + "/shim.pid", encoding: .utf8)))
        kill(first.processIdentifier, SIGKILL)
        kill(shim, SIGKILL)
        for _ in 0..<500 where first.isRunning { usleep(10_000) }
        usleep(200_000)
        unlink(socket)  // the killed dockerd's socket file is left; startDaemon waits for the new one
        #expect(!LinuxJourneyTests.containerCgroups(of: [id]).isEmpty, "the orphaned container still runs in its cgroup")

        let second = try startDaemon()
        let state = try glassbox(["inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "orphan"])
        #expect(state.stdout == "exited 255\n", "\(state.stdout)\(state.stderr)")
        #expect(LinuxJourneyTests.containerCgroups(of: [id]).isEmpty, "runc delete --force killed it and removed its cgroup")
        #expect(!FileManager.default.fileExists(atPath: execRoot + "/runtime-runc/moby/" + id), "its runc state is gone")
        #expect(!FileManager.default.fileExists(atPath: bundle), "its bundle is gone")
        #expect(try glassbox(["start", "orphan"]).status == 0)
        #expect(try glassbox(["rm", "-f", "orphan"]).status == 0)
        #expect(terminate(second) == 0)
        #expect(roots.shims().isEmpty, "no shim is left")
        #expect(mounts().isEmpty, "no mount is left under the roots: \(mounts())")
        #expect(LinuxJourneyTests.containerCgroups(of: [id]).isEmpty, "no container cgroup is left")
    }
}

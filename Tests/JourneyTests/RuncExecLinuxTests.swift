import KernelInterface
import LinuxKernel
import OCI
import Testing
import Trace

/// `glassbox-runc exec` next to Debian's `runc exec` (1.1.5) on the same kind of bundle: the
/// exec'd process must land in the container's pid namespace (its pid 1 is the container's
/// sleep), UTS namespace (its hostname) and cgroup, and report exit statuses as runc does.
@Suite(
    "runc exec on Linux: joining a running container's namespaces and cgroup", .serialized,
    .enabled(if: RuncLinuxBundle.isRoot, "needs root: namespaces, mounts and cgroups"),
    .enabled(if: RuncLinuxBundle.hasBusybox, "needs /bin/busybox (apt-get install busybox-static)"),
    .enabled(if: RuncLinuxBundle.glassboxRunc != nil, "needs glassbox-runc beside the tests: run `swift build` first")
)
struct RuncExecLinuxTests {
    static let script = "hostname; cat /proc/1/cmdline; echo; cat /proc/self/cgroup; exit 3"

    var runc: String { RuncLinuxBundle.glassboxRunc ?? "" }

    /// Creates and starts `sleep 100` as `id` under `root` with `runtime`.
    static func startSleeper(_ fixture: RuncLinuxBundle, _ runtime: String, root: String, id: String) throws {
        try fixture.writeConfig(args: ["sleep", "100"], id: id)
        let create = try fixture.run(runtime, ["--root", root, "create", "--bundle", fixture.bundle, id])
        #expect(create.status == 0, "\(runtime) create: \(create.stderr)")
        #expect(try fixture.run(runtime, ["--root", root, "start", id]).status == 0)
    }

    @Test("exec runs in the container: its hostname, its pid 1, its cgroup; status, 255 for a missing program")
    func execInContainer() throws {
        let fixture = try RuncLinuxBundle()
        defer { fixture.cleanUp() }
        let root = fixture.directory + "/state"
        let id = "execd"
        try RuncExecLinuxTests.startSleeper(fixture, runc, root: root, id: id)
        let exec = try fixture.run(runc, ["--root", root, "exec", id, "sh", "-c", RuncExecLinuxTests.script])
        #expect(exec.status == 3, "\(exec.stderr)")
        let lines = exec.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "gbtest")
        #expect(lines.dropFirst().first == "sleep\u{0}100\u{0}", "\(exec.stdout)")
        #expect(lines.contains { $0.hasSuffix(":" + fixture.cgroupPath(id)) }, "its cgroup in /proc/self/cgroup: \(exec.stdout)")

        let missing = try fixture.run(runc, ["--root", root, "exec", id, "nosuch"])
        #expect(missing.status == 255)
        // runc's text log quotes the message, escaping its inner quotes.
        #expect(missing.stderr.contains("msg=\"exec failed: unable to start container process: exec: \\\"nosuch\\\": executable file not found in $PATH\""),
                "\(missing.stderr)")

        let detached = try fixture.run(runc, ["--root", root, "exec", "--detach", "--pid-file", fixture.directory + "/exec.pid", id, "sleep", "50"])
        #expect(detached.status == 0, "\(detached.stderr)")
        let pid = Int32((try? fixture.kernel.readTextFile(fixture.directory + "/exec.pid")) ?? "") ?? 0
        #expect(pid > 0)
        let ps = try fixture.run(runc, ["--root", root, "ps", id])
        #expect(ps.stdout.contains("sleep 50"), "the detached exec is in the container's cgroup: \(ps.stdout)")

        #expect(try fixture.run(runc, ["--root", root, "kill", id, "KILL"]).status == 0)
        #expect(try fixture.waitForStatus("stopped", runc, root: root, id: id))
        let stopped = try fixture.run(runc, ["--root", root, "exec", id, "true"])
        #expect(stopped.status == 255)
        #expect(stopped.stderr.contains("cannot exec in a stopped container"), "\(stopped.stderr)")
        #expect(try fixture.run(runc, ["--root", root, "delete", id]).status == 0)
    }

    @Test("Debian's runc exec sees the same container from inside",
          .enabled(if: RuncLinuxBundle.debianRunc != nil, "needs Debian's runc (apt-get install runc)"))
    func sameAsDebianRunc() throws {
        let fixture = try RuncLinuxBundle()
        defer { fixture.cleanUp() }
        var results: [(Int32, String)] = []
        for (runtime, id) in [(runc, "ours"), (RuncLinuxBundle.debianRunc ?? "", "theirs")] {
            let root = fixture.directory + "/state-" + id
            try RuncExecLinuxTests.startSleeper(fixture, runtime, root: root, id: id)
            let exec = try fixture.run(runtime, ["--root", root, "exec", id, "sh", "-c", RuncExecLinuxTests.script])
            var output = exec.stdout
            while let range = output.range(of: fixture.cgroupPath(id)) { output.replaceSubrange(range, with: "<cgroup>") }
            results.append((exec.status, output))
            let missing = try fixture.run(runtime, ["--root", root, "exec", id, "nosuch"])
            #expect(missing.status == 255, "\(runtime): \(missing.stderr)")
            #expect(try fixture.run(runtime, ["--root", root, "delete", "--force", id]).status == 0)
        }
        #expect(results[0].0 == results[1].0)
        #expect(results[0].1 == results[1].1, "ours: \(results[0].1)\ntheirs: \(results[1].1)")
    }
}

import KernelInterface
import LinuxKernel
import OCI
import Testing
import Trace
@testable import Runc

@Suite("runc on Linux: reading the host's mount table and cgroup rules")
struct RuncHostTableTests {
    static let hybrid = """
        24 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
        30 24 0:25 / /sys/fs/cgroup ro,nosuid shared:9 - tmpfs tmpfs ro,mode=755
        31 30 0:26 / /sys/fs/cgroup/unified rw,nosuid shared:10 - cgroup2 cgroup2 rw
        33 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:12 - cgroup cgroup rw,cpu,cpuacct
        34 30 0:29 /docker /sys/fs/cgroup/memory rw,nosuid shared:13 - cgroup cgroup rw,memory
        35 30 0:30 / /sys/fs/cgroup/systemd rw,nosuid shared:14 - cgroup cgroup rw,xattr,name=systemd
        36 30 0:31 / /sys/fs/cgroup/cpuset rw,nosuid shared:15 - cgroup cgroup rw,cpuset
        40 24 0:40 / /tmp/with\\040space rw master:3 - tmpfs tmpfs rw
        """

    @Test("mountinfo lines give the mount point, root, propagation and controllers")
    func mountInfo() throws {
        let table = RuncHostTableTests.hybrid.split(separator: "\n").compactMap(MountInfo.init(parsing:))
        #expect(table.count == 8)
        #expect(table[7].mountPoint == "/tmp/with space")
        #expect(table[7].isShared == false)
        #expect(table[0].isShared)
        #expect(table[3].mountOptions == ["rw", "nosuid"])
        #expect(MountInfo.mount(containing: "/tmp/with space/bundle/rootfs", in: table)?.mountPoint == "/tmp/with space")
        #expect(MountInfo.mount(containing: "/srv/bundle", in: table)?.mountPoint == "/")
    }

    @Test("cgroup v1 hierarchies come in runc's subsystem order, the hybrid cgroup2 last")
    func hierarchies() {
        let table = RuncHostTableTests.hybrid.split(separator: "\n").compactMap(MountInfo.init(parsing:))
        let found = CgroupV1Hierarchy.hierarchies(in: table)
        #expect(found.map(\.mountPoint) == ["/sys/fs/cgroup/cpuset", "/sys/fs/cgroup/memory", "/sys/fs/cgroup/cpu,cpuacct",
                                            "/sys/fs/cgroup/systemd", "/sys/fs/cgroup/unified"])
        #expect(found[1].root == "/docker")
        #expect(found[2].subsystems == ["cpu", "cpuacct"])
        #expect(found[4].isUnified)
        #expect(found[1].directory(of: "/docker/c1") == "/sys/fs/cgroup/memory/docker/c1")
    }

    @Test("a record's cgroup_paths give back the hierarchies they came from, co-mounted controllers as one")
    func pathsRoundTrip() {
        let table = RuncHostTableTests.hybrid.split(separator: "\n").compactMap(MountInfo.init(parsing:))
        let manager = CgroupV1Manager(kernel: LinuxKernel(), path: "/docker/c1", hierarchies: CgroupV1Hierarchy.hierarchies(in: table))
        #expect(manager.paths["cpuacct"] == "/sys/fs/cgroup/cpu,cpuacct/docker/c1")
        #expect(manager.paths[""] == "/sys/fs/cgroup/unified/docker/c1")
        #expect(manager.initBinds.map(\.name) == ["cpuset", "memory", "cpu,cpuacct", "systemd"])
        let back = CgroupV1Hierarchy.hierarchies(from: manager.paths, cgroupPath: "/docker/c1")
        #expect(back.map { $0.directory(of: "/docker/c1") } == manager.hierarchies.map { $0.directory(of: "/docker/c1") })
        #expect(back.map(\.subsystems) == manager.hierarchies.map(\.subsystems))
    }

    @Test("device cgroup rules are written as the devices controller reads them")
    func deviceRules() {
        #expect(CgroupV1Manager.deviceRule(Spec.LinuxDeviceCgroup(allow: false, access: "rwm")) == "a")
        #expect(CgroupV1Manager.deviceRule(Spec.LinuxDeviceCgroup(allow: true, type: "c", major: 1, minor: 3, access: "rwm")) == "c 1:3 rwm")
        #expect(CgroupV1Manager.deviceRule(Spec.LinuxDeviceCgroup(allow: true, type: "c", major: 136, access: "rwm")) == "c 136:* rwm")
        #expect(CgroupV1Manager.deviceRule(Spec.LinuxDeviceCgroup(allow: true, type: "b", access: "m")) == "b *:* m")
    }
}

/// glassbox-runc as a real OCI runtime on this machine: real namespaces, mounts, cgroups (v1
/// or v2, whichever the host has) and a busybox container, driven through its command line as
/// containerd's shim drives it.
@Suite(
    "runc on Linux: a busybox container through glassbox-runc's command line", .serialized,
    .enabled(if: RuncLinuxBundle.isRoot, "needs root: namespaces, mounts and cgroups"),
    .enabled(if: RuncLinuxBundle.hasBusybox, "needs /bin/busybox (apt-get install busybox-static)"),
    .enabled(if: RuncLinuxBundle.glassboxRunc != nil, "needs glassbox-runc beside the tests: run `swift build` first")
)
struct RuncLinuxTests {
    static let script = "hostname; echo pid $$; cat /proc/self/cgroup; "
        + "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup$CGROUP/memory.max"

    var runc: String { RuncLinuxBundle.glassboxRunc ?? "" }

    @Test("create, state, start, the process's output, exit, delete, and nothing left behind")
    func lifecycle() throws {
        let fixture = try RuncLinuxBundle()
        defer { fixture.cleanUp() }
        let root = fixture.directory + "/state"
        let id = "lifecycle"
        try fixture.writeConfig(args: ["sh", "-c", RuncLinuxTests.script], id: id)
        let output = fixture.directory + "/container-output"
        let log = fixture.directory + "/log.json"

        let create = try fixture.run(runc, ["--root", root, "--log", log, "--log-format", "json", "create",
                                            "--bundle", fixture.bundle, "--pid-file", fixture.directory + "/init.pid", id],
                                     output: output)
        #expect(create.status == 0, "create: \(create.stderr) \((try? fixture.kernel.readTextFile(log)) ?? "")")
        #expect(create.stderr.isEmpty)
        let created = try fixture.state(runc, root: root, id: id)
        #expect(created["status"]?.stringValue == "created")
        #expect(created["id"]?.stringValue == id)
        #expect(created["bundle"]?.stringValue == fixture.bundle)
        #expect(created["rootfs"]?.stringValue == fixture.rootfs)
        let pidFile = try fixture.kernel.readTextFile(fixture.directory + "/init.pid")
        #expect(created["pid"] == .int(Int64(pidFile) ?? -1))
        #expect(RuncLinuxTests.keys(created) == ["ociVersion", "id", "pid", "status", "bundle", "rootfs", "created", "owner"])
        for directory in fixture.cgroupDirectories(id) { #expect(fixture.kernel.exists(directory), "\(directory)") }

        #expect(try fixture.run(runc, ["--root", root, "--log", log, "--log-format", "json", "start", id]).status == 0)
        #expect(try fixture.waitForStatus("stopped", runc, root: root, id: id))
        let lines = try fixture.kernel.readTextFile(output).split(separator: "\n").map(String.init)
        #expect(lines.first == "gbtest")
        #expect(lines.contains("pid 1"))
        #expect(lines.contains { $0.hasSuffix(":" + fixture.cgroupPath(id)) }, "its cgroup in /proc/self/cgroup")
        #expect(lines.last == "67108864")

        #expect(try fixture.run(runc, ["--root", root, "--log", log, "--log-format", "json", "delete", id]).status == 0)
        #expect(!fixture.kernel.exists(root + "/" + id))
        for directory in fixture.cgroupDirectories(id) { #expect(!fixture.kernel.exists(directory), "\(directory)") }
        #expect(try fixture.mountsUnderDirectory().isEmpty)
    }

    @Test("ambient capabilities without an inheritable set (runc spec's config) run, as runc runs them, with none raised")
    func ambientWithoutInheritable() throws {
        let fixture = try RuncLinuxBundle()
        defer { fixture.cleanUp() }
        try fixture.writeConfig(args: ["grep", "CapAmb", "/proc/self/status"], id: "ambient", runcSpecCapabilities: true)
        let run = try fixture.run(runc, ["--root", fixture.directory + "/state", "run", "--bundle", fixture.bundle, "ambient"])
        #expect(run.status == 0, "run: \(run.stderr)")
        #expect(run.stdout.split(whereSeparator: \.isWhitespace) == ["CapAmb:", "0000000000000000"], "\(run.stdout)")
    }

    @Test("a program missing from the rootfs fails create in runc's words, logged only, leaving nothing")
    func missingProgram() throws {
        let fixture = try RuncLinuxBundle()
        defer { fixture.cleanUp() }
        let root = fixture.directory + "/state"
        let id = "missing"
        let log = fixture.directory + "/log.json"
        try fixture.writeConfig(args: ["foo"], id: id)

        let create = try fixture.run(runc, ["--root", root, "--log", log, "--log-format", "json", "create",
                                            "--bundle", fixture.bundle, id])
        #expect(create.status == 1)
        #expect(create.stderr.isEmpty, "with --log nothing goes to stderr, which is the container's")
        let errors = try fixture.kernel.readTextFile(log).split(separator: "\n")
            .compactMap { try? JSONParser.parse(String($0)) }.filter { $0["level"]?.stringValue == "error" }
        #expect(errors.last?["msg"]?.stringValue
            == "runc create failed: unable to start container process: exec: \"foo\": executable file not found in $PATH")
        #expect(!fixture.kernel.exists(root + "/" + id))
        for directory in fixture.cgroupDirectories(id) { #expect(!fixture.kernel.exists(directory), "\(directory)") }
        #expect(try fixture.mountsUnderDirectory().isEmpty)
    }

    @Test("kill stops a running sleep; delete then removes it")
    func killRunningSleep() throws {
        let fixture = try RuncLinuxBundle()
        defer { fixture.cleanUp() }
        let root = fixture.directory + "/state"
        let id = "sleeper"
        try fixture.writeConfig(args: ["sleep", "100"], id: id)

        #expect(try fixture.run(runc, ["--root", root, "create", "--bundle", fixture.bundle, id]).status == 0)
        #expect(try fixture.run(runc, ["--root", root, "start", id]).status == 0)
        #expect(try fixture.state(runc, root: root, id: id)["status"]?.stringValue == "running")
        let ps = try fixture.run(runc, ["--root", root, "ps", id])
        #expect(ps.stdout.contains("sleep 100"))
        #expect(try fixture.run(runc, ["--root", root, "delete", id]).status == 1, "a running container needs --force")

        #expect(try fixture.run(runc, ["--root", root, "kill", id, "KILL"]).status == 0)
        #expect(try fixture.waitForStatus("stopped", runc, root: root, id: id))
        #expect(try fixture.run(runc, ["--root", root, "delete", id]).status == 0)
        #expect(!fixture.kernel.exists(root + "/" + id))
        for directory in fixture.cgroupDirectories(id) { #expect(!fixture.kernel.exists(directory), "\(directory)") }
    }

    @Test("Debian's runc runs the same bundle alike: same state keys, same output",
          .enabled(if: RuncLinuxBundle.debianRunc != nil, "needs Debian's runc (apt-get install runc)"))
    func sameAsDebianRunc() throws {
        let fixture = try RuncLinuxBundle()
        defer { fixture.cleanUp() }
        var outputs: [String] = []
        var stateKeys: [[String]] = []
        for (runtime, id) in [(runc, "ours"), (RuncLinuxBundle.debianRunc ?? "", "theirs")] {
            let root = fixture.directory + "/state-" + id
            try fixture.writeConfig(args: ["sh", "-c", RuncLinuxTests.script], id: id)
            let output = fixture.directory + "/output-" + id
            let create = try fixture.run(runtime, ["--root", root, "create", "--bundle", fixture.bundle, id], output: output)
            #expect(create.status == 0, "\(runtime) create: \(create.stderr)")
            stateKeys.append(RuncLinuxTests.keys(try fixture.state(runtime, root: root, id: id)))
            #expect(try fixture.run(runtime, ["--root", root, "start", id]).status == 0)
            #expect(try fixture.waitForStatus("stopped", runtime, root: root, id: id))
            let stopped = try fixture.state(runtime, root: root, id: id)
            #expect(stopped["pid"] == .int(0))
            outputs.append(try fixture.kernel.readTextFile(output).replacingAll(fixture.cgroupPath(id), with: "<cgroup>"))
            #expect(try fixture.run(runtime, ["--root", root, "delete", id]).status == 0)
            for directory in fixture.cgroupDirectories(id) { #expect(!fixture.kernel.exists(directory), "\(directory)") }
        }
        #expect(stateKeys[0] == stateKeys[1])
        #expect(outputs[0] == outputs[1])
    }

    static func keys(_ value: JSONValue) -> [String] {
        guard case let .object(members) = value else { return [] }
        return members.map(\.0)
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

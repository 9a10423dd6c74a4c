import KernelInterface
import Testing
import Trace

@Suite("Kernel contract: namespaces and cgroups")
struct NamespaceContractTests {
    @Test("a new UTS namespace isolates the hostname", arguments: contractBackends)
    func utsIsolation(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let before = kernel.uname().nodename
            let (output, status) = try kernel.runHelper(backend, "hostname-child", ["container-1"], namespaces: .uts)
            try check(status == .exited(0) && output == "container-1", "child hostname \(output)")
            try check(kernel.uname().nodename == before, "parent keeps \(before)")
            try kernel.unshare(.uts)
            try kernel.sethostname("moved")
            try check(try kernel.readTextFile("/proc/sys/kernel/hostname") == "moved\n", "procfs hostname")
        }
    }

    @Test("a child in a new pid namespace is pid 1 with ppid 0 and sees only its namespace", arguments: contractBackends)
    func pidNamespace(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let (output, status) = try kernel.runHelper(backend, "pid-namespace-report", namespaces: [.pid, .mount])
            try check(status == .exited(0), "report: \(status)")
            try check(output == "1 0 [1] 1", "inside: \(output)")
            let ns = try kernel.readlink("/proc/self/ns/pid")
            try check(ns.hasPrefix("pid:["), "ns link \(ns)")
        }
    }

    @Test("setns joins the namespace a /proc/PID/ns descriptor names", arguments: contractBackends)
    func setns(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let original = try kernel.open("/proc/self/ns/uts", .readOnly, mode: 0)
            let name = kernel.uname().nodename
            try kernel.unshare(.uts)
            try kernel.sethostname("elsewhere")
            try kernel.setns(original, .uts)
            try check(kernel.uname().nodename == name, "back in the first namespace")
            try checkErrno(.EINVAL) { try kernel.setns(original, .network) }
            try kernel.close(original)
        }
    }

    @Test("writing a pid to cgroup.procs moves the process and /proc/self/cgroup follows", arguments: cgroupV2Backends)
    func cgroupMove(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.mkdir("/sys/fs/cgroup/glassbox-test", mode: 0o755)
            try check(kernel.exists("/sys/fs/cgroup/glassbox-test/memory.max"), "control files")
            try checkErrno(.EACCES) { try kernel.writeFile("/sys/fs/cgroup/glassbox-test/not-a-control-file", "1") }
            try kernel.writeFile("/sys/fs/cgroup/glassbox-test/cgroup.procs", "\(kernel.getpid().rawValue)")
            try check(try kernel.readTextFile("/proc/self/cgroup") == "0::/glassbox-test\n", "proc cgroup")
            try check(try kernel.readTextFile("/sys/fs/cgroup/glassbox-test/cgroup.procs") == "\(kernel.getpid().rawValue)\n", "members")
            try kernel.writeFile("/sys/fs/cgroup/glassbox-test/memory.max", "1048576")
            try check(try kernel.readTextFile("/sys/fs/cgroup/glassbox-test/memory.max") == "1048576\n", "stored")
            let inNamespace = try kernel.runHelper(backend, "cat", ["/proc/self/cgroup"], namespaces: .cgroup)
            try check(inNamespace.output == "0::/\n", "a new cgroup namespace is rooted at the group: \(inNamespace.output)")
            let outside = try kernel.runHelper(backend, "cat", ["/proc/self/cgroup"])
            try check(outside.output == "0::/glassbox-test\n", "children inherit the cgroup: \(outside.output)")
            try checkErrno(.EBUSY) { try kernel.rmdir("/sys/fs/cgroup/glassbox-test") }
            try kernel.writeFile("/sys/fs/cgroup/cgroup.procs", "0")
            try kernel.rmdir("/sys/fs/cgroup/glassbox-test")
        }
    }

    /// Any cgroup2 mount will do: the simulator's /sys/fs/cgroup is one; on a cgroup v1 or
    /// hybrid host the contract's fresh root mounts the unified hierarchy there itself.
    @Test("a process spawned with CLONE_INTO_CGROUP starts in that cgroup v2 group", arguments: contractBackends)
    func spawnIntoCgroup(backend: any KernelBackend) throws {
        try backend.run { kernel in
            if !kernel.exists("/sys/fs/cgroup/cgroup.controllers") {
                try kernel.mkdirAll("/sys/fs/cgroup")
                try kernel.mount(source: "cgroup2", target: "/sys/fs/cgroup", fstype: "cgroup2", flags: [], data: "")
            }
            let group = "/sys/fs/cgroup/glassbox-clone-into-\(hexString(try kernel.getrandom(4)))"
            try kernel.mkdir(group, mode: 0o755)
            defer { try? kernel.rmdir(group) }
            let own = try kernel.readTextFile("/proc/self/cgroup")
            let directory = try kernel.open(group, [.path, .directory, .closeOnExec], mode: 0)
            defer { try? kernel.close(directory) }
            let child = try kernel.runHelper(backend, "cat", ["/proc/self/cgroup"], cgroup: directory)
            try check(child.status == .exited(0), "cat: \(child.status)")
            let name = String(group.dropFirst("/sys/fs/cgroup".count))
            try check(child.output.split(separator: "\n").contains("0::\(name)"), "born in the group: \(child.output)")
            try check(try kernel.readTextFile("/proc/self/cgroup") == own, "the parent stays where it was")
            try check(try kernel.readTextFile(group + "/cgroup.procs").isEmpty, "the child left with its exit")
            let notCgroup = try kernel.open("/tmp", [.path, .directory, .closeOnExec], mode: 0)
            defer { try? kernel.close(notCgroup) }
            try checkErrno(.EBADF) { try kernel.runHelper(backend, "cat", ["/proc/self/cgroup"], cgroup: notCgroup) }
        }
    }

    @Test("writing 1 to cgroup.kill kills every process in the group", arguments: cgroupV2Backends)
    func cgroupKill(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.mkdir("/sys/fs/cgroup/doomed", mode: 0o755)
            let pid = try kernel.spawn(SpawnRequest(path: backend.helperPath("sleep-ms"), arguments: ["sleep-ms", "100000"], environment: []))
            try kernel.writeFile("/sys/fs/cgroup/doomed/cgroup.procs", "\(pid.rawValue)")
            try check(try kernel.readTextFile("/sys/fs/cgroup/doomed/pids.current") == "1\n", "one member")
            try kernel.writeFile("/sys/fs/cgroup/doomed/cgroup.kill", "1")
            try check(try kernel.wait4(pid, options: [])?.status == .signaled(.SIGKILL), "killed")
            try kernel.rmdir("/sys/fs/cgroup/doomed")
        }
    }

    @Test("pids.max refuses new processes and threads with EAGAIN", arguments: cgroupV2Backends)
    func pidsMax(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.mkdir("/sys/fs/cgroup/limited", mode: 0o755)
            try kernel.writeFile("/sys/fs/cgroup/limited/pids.max", "1")
            try kernel.writeFile("/sys/fs/cgroup/limited/cgroup.procs", "0")
            try check(try kernel.readTextFile("/sys/fs/cgroup/limited/pids.current") == "1\n", "one task")
            try checkErrno(.EAGAIN) { try kernel.spawn(SpawnRequest(path: backend.helperPath("exit-with"), arguments: ["exit-with"], environment: [])) }
            try checkErrno(.EAGAIN) { try kernel.spawnThread(name: "extra") { _ in } }
            try kernel.writeFile("/sys/fs/cgroup/cgroup.procs", "0")
            try kernel.rmdir("/sys/fs/cgroup/limited")
        }
    }

    @Test("capabilities can be dropped but not raised, and setuid needs CAP_SETUID", arguments: contractBackends)
    func capabilities(backend: any KernelBackend) throws {
        try backend.run { kernel in
            var sets = try kernel.capget()
            try check(sets.effective.contains(.sysAdmin), "root has CAP_SYS_ADMIN")
            sets.effective.remove(.sysAdmin)
            try kernel.capset(sets)
            try checkErrno(.EPERM) { try kernel.sethostname("nope") }
            try checkErrno(.EPERM) { try kernel.mount(source: "tmpfs", target: "/tmp", fstype: "tmpfs", flags: [], data: "") }
            sets.permitted.remove(.sysAdmin)
            try kernel.capset(sets)
            var raise = sets
            raise.permitted.insert(.sysAdmin)
            try checkErrno(.EPERM) { try kernel.capset(raise) }
            try kernel.setuid(1000)
            try check(kernel.getuid() == 1000, "uid")
            try checkErrno(.EPERM) { try kernel.setuid(0) }
            try checkErrno(.EACCES) { try kernel.mkdir("/etc/forbidden", mode: 0o755) }
        }
    }
}

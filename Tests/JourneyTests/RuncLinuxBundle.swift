import KernelInterface
import LinuxKernel
import OCI
import Trace

/// A real OCI bundle in a temporary directory for the glassbox-runc tests on this machine: a
/// rootfs holding Debian's static busybox and its links, a config.json built as dockerd builds
/// one (moby's defaults, the /etc binds, sysctls, device rules, limits; no seccomp, no hooks),
/// a `--root` of its own, and a cgroup parent of its own. `cleanUp` undoes everything the
/// runtimes may have left, whatever a test got to.
final class RuncLinuxBundle {
    static let kernel = LinuxKernel()
    static let isRoot = kernel.getuid() == 0
    static let busybox = "/bin/busybox"
    static let hasBusybox = (try? kernel.stat(busybox))?.kind == .regular

    /// glassbox-runc as `swift build` left it beside the test bundle (`.build/debug`).
    static let glassboxRunc: String? = {
        guard let own = try? kernel.readlink("/proc/self/exe"), let slash = own.lastIndex(of: "/") else { return nil }
        let candidate = String(own[..<slash]) + "/glassbox-runc"
        return (try? kernel.stat(candidate))?.kind == .regular ? candidate : nil
    }()

    /// Debian's runc (`apt-get install runc`), when installed.
    static let debianRunc: String? = ["/usr/sbin/runc", "/usr/bin/runc"].first { (try? kernel.stat($0))?.kind == .regular }

    static let canRun = isRoot && hasBusybox && glassboxRunc != nil

    let kernel: Kernel = RuncLinuxBundle.kernel
    let directory: String
    /// `/glassbox-runc-test-<hex>`: every container's cgroup goes below it.
    let cgroupParent: String
    var bundle: String { directory + "/bundle" }
    var rootfs: String { bundle + "/rootfs" }
    /// Runs of each runtime: which ids were created, under which root.
    private var created: [(runtime: String, root: String, id: String)] = []

    init() throws {
        let tag = kernel.getrandom(6).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
        directory = "/tmp/glassbox-runc-test-" + tag
        cgroupParent = "/glassbox-runc-test-" + tag
        try kernel.mkdirAll(rootfs + "/bin")
        for empty in ["proc", "sys", "dev", "etc", "tmp"] { try kernel.mkdirAll(rootfs + "/" + empty) }
        try kernel.writeFile(rootfs + "/bin/busybox", kernel.readFile(RuncLinuxBundle.busybox), mode: 0o755)
        for applet in ["sh", "echo", "hostname", "cat", "ps", "true", "sleep", "grep", "ls", "mount", "tty", "stty", "readlink"] {
            try kernel.link(rootfs + "/bin/busybox", rootfs + "/bin/" + applet)
        }
        for file in ["hostname", "hosts", "resolv.conf"] {
            try kernel.writeFile(directory + "/" + file, file == "hostname" ? "gbtest\n" : "# \(file)\n")
            try kernel.writeFile(rootfs + "/etc/" + file, "")
        }
    }

    /// config.json for a container running `args` in cgroup `<parent>/<id>`, on a terminal of
    /// its own when `terminal` (as dockerd writes it for `docker run -t`).
    /// With `runcSpecCapabilities`, the capabilities are those of `runc spec`'s config: ambient
    /// ones asked for, and no inheritable set.
    func writeConfig(args: [String], id: String, terminal: Bool = false, runcSpecCapabilities: Bool = false) throws {
        var mounts = Spec.defaultMounts
        mounts[6].options?.append("size=67108864")
        for file in ["resolv.conf", "hostname", "hosts"] {
            mounts.append(Spec.Mount(destination: "/etc/" + file, type: "bind", source: directory + "/" + file,
                                     options: ["rbind", "rprivate"]))
        }
        let capabilities = Spec.defaultCapabilities
        let spec = Spec(
            process: Spec.Process(
                terminal: terminal ? true : nil,
                user: Spec.User(uid: 0, gid: 0, additionalGids: [0]), args: args,
                env: [Spec.defaultPathEnv, "HOSTNAME=gbtest", "CGROUP=\(cgroupPath(id))"], cwd: "/",
                capabilities: Spec.LinuxCapabilities(bounding: capabilities, effective: capabilities, permitted: capabilities,
                                                     ambient: runcSpecCapabilities ? ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"] : nil),
                oomScoreAdj: 0
            ),
            root: Spec.Root(path: "rootfs"), hostname: "gbtest", mounts: mounts,
            linux: Spec.Linux(
                sysctl: ["net.ipv4.ip_unprivileged_port_start": "0", "net.ipv4.ping_group_range": "0 2147483647"],
                resources: Spec.LinuxResources(
                    devices: Spec.defaultDeviceCgroupRules, memory: Spec.LinuxMemory(limit: 67_108_864),
                    cpu: Spec.LinuxCPU(shares: 512), pids: Spec.LinuxPids(limit: 64)
                ),
                cgroupsPath: cgroupPath(id), namespaces: Spec.defaultNamespaces,
                maskedPaths: Spec.defaultMaskedPaths, readonlyPaths: Spec.defaultReadonlyPaths
            )
        )
        try kernel.writeFile(bundle + "/config.json", spec.encoded())
    }

    func cgroupPath(_ id: String) -> String { cgroupParent + "/" + id }

    /// The container's cgroup directories on the host: one per v1 hierarchy, or the one v2
    /// directory.
    func cgroupDirectories(_ id: String) -> [String] {
        cgroupDirectories(of: cgroupPath(id))
    }

    private func cgroupDirectories(of path: String) -> [String] {
        if kernel.exists("/sys/fs/cgroup/cgroup.controllers") { return ["/sys/fs/cgroup" + path] }
        let hierarchies = ((try? kernel.readdir("/sys/fs/cgroup")) ?? [])
            .filter { $0.kind == .directory && $0.name != "." && $0.name != ".." }.map(\.name)
        return hierarchies.map { "/sys/fs/cgroup/\($0)\(path)" }
    }

    /// Runs a runtime to its end with stdin /dev/null and stdout, stderr to files in the
    /// temporary directory; returns the exit status and what it wrote. A run that takes more
    /// than 30 s is killed (a blocked handshake fails the test instead of hanging it).
    func run(_ runtime: String, _ arguments: [String], output: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let outPath = output ?? directory + "/stdout"
        let errPath = directory + "/stderr"
        if arguments.contains("create"), let id = arguments.last, let root = arguments.firstIndex(of: "--root").map({ arguments[$0 + 1] }) {
            created.append((runtime, root, id))
        }
        let null = try kernel.open("/dev/null", [.readOnly, .closeOnExec], mode: 0)
        let out = try kernel.open(outPath, [.writeOnly, .create, .truncate, .closeOnExec], mode: 0o644)
        let err = try kernel.open(errPath, [.writeOnly, .create, .truncate, .closeOnExec], mode: 0o644)
        let pid: ProcessID
        do {
            defer { for fd in [null, out, err] { try? kernel.close(fd) } }
            pid = try kernel.spawn(SpawnRequest(
                path: runtime, arguments: [runtime] + arguments, environment: [Spec.defaultPathEnv],
                fileActions: [.duplicate(null, to: .standardInput), .duplicate(out, to: .standardOutput),
                              .duplicate(err, to: .standardError)],
                workingDirectory: directory
            ))
        }
        var status: WaitStatus?
        for _ in 0..<3000 {
            if let (_, ended) = try kernel.wait4(pid, options: .noHang) { status = ended; break }
            try kernel.nanosleep(10_000_000)
        }
        if status == nil {
            try? kernel.kill(pid, .SIGKILL)
            _ = try? kernel.wait4(pid, options: [])
        }
        let stdout = output == nil ? try kernel.readTextFile(outPath) : ""
        return (status?.exitCode ?? -1, stdout, try kernel.readTextFile(errPath))
    }

    /// `state ID` parsed.
    func state(_ runtime: String, root: String, id: String) throws -> JSONValue {
        try JSONParser.parse(run(runtime, ["--root", root, "state", id]).stdout)
    }

    /// Polls `state` until the status is `status` (at most 10 s).
    func waitForStatus(_ status: String, _ runtime: String, root: String, id: String) throws -> Bool {
        for _ in 0..<200 {
            if try state(runtime, root: root, id: id)["status"]?.stringValue == status { return true }
            try kernel.nanosleep(50_000_000)
        }
        return false
    }

    /// Mount points under the temporary directory in this process's mount namespace.
    func mountsUnderDirectory() throws -> [String] {
        try kernel.readTextFile("/proc/self/mountinfo").split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { return nil }
            let point = String(fields[4])
            return point.hasPrefix(directory + "/") || point == directory ? point : nil
        }
    }

    /// Whatever happened: delete every container a test created (with --force, which kills
    /// it), unmount anything left under the directory, remove the cgroups and the directory.
    func cleanUp() {
        for (runtime, root, id) in created {
            _ = try? run(runtime, ["--root", root, "delete", "--force", id])
        }
        for point in ((try? mountsUnderDirectory()) ?? []).reversed() {
            try? kernel.umount(point, flags: .detach)
        }
        for (_, _, id) in created {
            for directory in cgroupDirectories(id) { try? kernel.rmdir(directory) }
        }
        for directory in cgroupDirectories(of: cgroupParent) { try? kernel.rmdir(directory) }
        try? kernel.removeAll(directory)
    }
}

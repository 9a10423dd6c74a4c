#if os(Linux)
import ContractPrograms
import KernelInterface
import LinuxKernel
import Testing
import Trace

/// The real kernel as a contract backend (root only). A contract body expects a fresh machine
/// and to be its pid 1, so each run happens in a new process: this test process spawns a copy
/// of itself in new mount, pid, UTS and IPC namespaces, asking it (by `--filter`) to run only
/// the calling test, with `LinuxChildBackend` as its only backend. The child makes a fresh root
/// (a tmpfs with /tmp, /dev, /proc and the helper programs in /bin), pivots into it, and runs
/// the body there. When the child exits, its namespaces and everything mounted in them go.
struct LinuxBackend: KernelBackend {
    var description: String { "linux" }

    /// The environment variable that tells a copy of the test process it is a contract run's
    /// child, and names the directory its fresh root is mounted on.
    static let rootVariable = "GLASSBOX_CONTRACT_ROOT"
    /// Where the child finds the static helper executable to bind onto /bin/NAME.
    static let helperVariable = "GLASSBOX_CONTRACT_HELPER"
    /// What the child prints once the body returned, so that a filter matching no test (which
    /// would also exit 0) is not taken for a pass.
    static let completionLine = "glassbox-contract: body completed"

    /// Why the Linux backend does not run here, or nil when it does.
    static let skipReason: String? = {
        let kernel = LinuxKernel()
        if kernel.getuid() != 0 { return "the Linux contract runs need root (new namespaces, mounts, pivot_root)" }
        if helperExecutable == nil { return "glassbox-contract-helper is not built next to the test bundle" }
        return nil
    }()

    /// The static helper executable: SwiftPM builds it beside the test bundle.
    static let helperExecutable: String? = {
        let kernel = LinuxKernel()
        guard var directory = try? kernel.readlink("/proc/self/exe") else { return nil }
        for _ in 0..<4 {
            guard let slash = directory.lastIndex(of: "/") else { return nil }
            directory = String(directory[..<slash])
            let candidate = directory + "/glassbox-contract-helper"
            if (try? kernel.stat(candidate))?.kind == .regular { return candidate }
        }
        return nil
    }()

    func run(_ body: @escaping @Sendable (Kernel) throws -> Void) throws {
        let kernel = LinuxKernel()
        guard let test = Test.current else { throw TestFailure("the Linux backend runs only inside a test") }
        guard let helper = LinuxBackend.helperExecutable else { throw TestFailure("glassbox-contract-helper is not built") }
        let executable = try kernel.readlink("/proc/self/exe")
        let directory = "/tmp/glassbox-contract-\(kernel.getpid().rawValue)-\(hexString(kernel.getrandom(6)))"
        try kernel.mkdir(directory, mode: 0o700)
        defer { try? kernel.removeAll(directory) }
        try kernel.mkdir(directory + "/root", mode: 0o755)
        let log = try kernel.open(directory + "/output", [.writeOnly, .create, .truncate, .closeOnExec], mode: 0o600)
        let null = try kernel.open("/dev/null", [.readOnly, .closeOnExec], mode: 0)
        let environment = LinuxProcess.environment.filter { !$0.hasPrefix(LinuxBackend.rootVariable + "=") }
            + ["\(LinuxBackend.rootVariable)=\(directory)/root", "\(LinuxBackend.helperVariable)=\(helper)", "NO_COLOR=1"]
        let child: ProcessID
        do {
            defer { try? kernel.close(log); try? kernel.close(null) }
            child = try kernel.spawn(SpawnRequest(
                path: executable,
                arguments: [executable, "--testing-library", "swift-testing", "--filter", LinuxBackend.filter(for: test)],
                environment: environment,
                fileActions: [.duplicate(null, to: .standardInput), .duplicate(log, to: .standardOutput), .duplicate(log, to: .standardError)],
                namespaces: [.mount, .pid, .uts, .ipc]
            ))
        }
        var status: WaitStatus?
        for _ in 0..<12_000 {
            if let (_, ended) = try kernel.wait4(child, options: .noHang) { status = ended; break }
            try kernel.nanosleep(10_000_000)
        }
        if status == nil {
            try? kernel.kill(child, .SIGKILL)
            _ = try? kernel.wait4(child, options: [])
        }
        let output = (try? kernel.readTextFile(directory + "/output")) ?? ""
        guard status == .exited(0), output.contains(LinuxBackend.completionLine) else {
            let failures = output.split(separator: "\n").filter { $0.contains("✘") || $0.contains("error") || $0.contains("Error") }
            throw TestFailure("the contract run on Linux ended \(status.map { "\($0)" } ?? "killed after 120 s"): "
                              + (failures.isEmpty ? String(output.suffix(2_000)) : failures.joined(separator: "\n")))
        }
    }

    /// A `--filter` pattern matching exactly the test `test` (its id, regex metacharacters
    /// escaped).
    static func filter(for test: Test) -> String {
        let special = Set("\\^$.|?*+()[]{}")
        var pattern = ""
        for character in "\(test.id)" {
            if special.contains(character) { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern
    }
}

/// The backend inside a contract run's child: the body runs in this process, after the fresh
/// root is made and entered (once per process).
struct LinuxChildBackend: KernelBackend {
    var description: String { "linux" }

    func run(_ body: @escaping @Sendable (Kernel) throws -> Void) throws {
        let kernel = LinuxKernel()
        try LinuxChildBackend.enterFreshRoot(kernel)
        try body(kernel)
        try kernel.writeAll(.standardOutput, LinuxBackend.completionLine + "\n")
    }

    /// Makes the fresh root on the directory the parent named and pivots into it:
    ///
    ///     /                 tmpfs
    ///     /tmp, /run, /etc  directories, as on a fresh simulated machine
    ///     /dev              tmpfs, with null, zero and urandom bound from the host
    ///     /proc             procfs of the new pid namespace
    ///     /sys/fs/cgroup    cgroup2, when the host's /sys/fs/cgroup is cgroup v2
    ///     /bin/*            the helper executable, bound once per helper name
    static func enterFreshRoot(_ kernel: Kernel) throws {
        guard let root = LinuxProcess.environment.first(where: { $0.hasPrefix(LinuxBackend.rootVariable + "=") })?
                .dropFirst(LinuxBackend.rootVariable.count + 1).description,
              let helper = LinuxProcess.environment.first(where: { $0.hasPrefix(LinuxBackend.helperVariable + "=") })?
                .dropFirst(LinuxBackend.helperVariable.count + 1).description
        else { throw TestFailure("the contract child was started without \(LinuxBackend.rootVariable)") }
        try kernel.mount(source: "none", target: "/", fstype: "", flags: [.recursive, .private], data: "")
        try kernel.mount(source: "tmpfs", target: root, fstype: "tmpfs", flags: [], data: "mode=755")
        for directory in ["tmp", "run", "etc", "bin", "proc", "dev", "sys", "old"] { try kernel.mkdir(root + "/" + directory, mode: 0o755) }
        try kernel.chmod(root + "/tmp", mode: 0o1777)
        try kernel.mount(source: "tmpfs", target: root + "/dev", fstype: "tmpfs", flags: [.noSetuid], data: "mode=755")
        for device in ["null", "zero", "urandom"] {
            try kernel.writeFile(root + "/dev/" + device, [])
            try kernel.mount(source: "/dev/" + device, target: root + "/dev/" + device, fstype: "", flags: [.bind], data: "")
        }
        for program in ContractPrograms.all {
            try kernel.writeFile(root + "/bin/" + program.name, [], mode: 0o755)
            try kernel.mount(source: helper, target: root + "/bin/" + program.name, fstype: "", flags: [.bind], data: "")
        }
        try kernel.mount(source: "proc", target: root + "/proc", fstype: "proc", flags: [.noSetuid, .noDevices, .noExec], data: "")
        if kernel.exists("/sys/fs/cgroup/cgroup.controllers") {
            try kernel.mkdirAll(root + "/sys/fs/cgroup")
            try kernel.mount(source: "cgroup2", target: root + "/sys/fs/cgroup", fstype: "cgroup2", flags: [.noSetuid, .noDevices, .noExec], data: "")
        }
        try kernel.pivotRoot(root, root + "/old")
        try kernel.chdir("/")
        try kernel.umount("/old", flags: .detach)
        try kernel.rmdir("/old")
    }
}
#endif

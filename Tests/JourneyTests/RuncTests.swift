import KernelInterface
import OCI
import SimKernel
import Synchronization
import Testing
import Trace
@testable import Runc

@Suite("runc: the container lifecycle and its helpers")
struct RuncLifecycleTests {
    @Test("a container goes creating → created → running → stopped and only that way")
    func legalTransitions() throws {
        #expect(try ContainerStatus.creating.after(.initReady, id: "c") == .status(.created))
        #expect(try ContainerStatus.created.after(.start, id: "c") == .status(.running))
        #expect(try ContainerStatus.running.after(.processExit, id: "c") == .status(.stopped))
        #expect(try ContainerStatus.stopped.after(.delete(force: false), id: "c") == .destroyed(killFirst: false))
        #expect(try ContainerStatus.created.after(.delete(force: false), id: "c") == .destroyed(killFirst: true))
        #expect(try ContainerStatus.running.after(.delete(force: true), id: "c") == .destroyed(killFirst: true))
    }

    @Test("illegal transitions are refused in runc's words")
    func refusals() {
        func message(_ status: ContainerStatus, _ event: LifecycleEvent) -> String? {
            do { _ = try status.after(event, id: "c1"); return nil } catch { return (error as? RuncError)?.message }
        }
        #expect(message(.running, .start) == "cannot start an already running container")
        #expect(message(.stopped, .start) == "cannot start a container that has stopped")
        #expect(message(.stopped, .signal) == "container not running")
        #expect(message(.running, .delete(force: false)) == "cannot delete container c1 that is not stopped: running")
    }

    @Test("a stage's name is its function's name in snake case")
    func stageNames() {
        #expect(StageName.from(function: "pivotRoot()") == "pivot_root")
        #expect(StageName.from(function: "mountSpecMounts()") == "mount_spec_mounts")
        #expect(StageName.from(function: "exec(environment:)") == "exec")
    }

    @Test("mount options split into flags, propagation and data as runc splits them")
    func mountOptions() {
        let options = MountOptions(["nosuid", "noexec", "newinstance", "ptmxmode=0666", "rprivate", "ro"])
        #expect(options.flags == [.noSetuid, .noExec, .readOnly])
        #expect(options.propagation == [[.private, .recursive]])
        #expect(options.dataString == "newinstance,ptmxmode=0666")
        #expect(MountOptions(["rbind", "rw"]).flags == [.bind, .recursive])
    }

    @Test("/proc/<pid>/stat is read after the last parenthesis")
    func processStat() {
        let line = "42 (sleep (x) y) Z 1 42 42 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 12345 0 0"
        let stat = ProcessStat(parsing: line)
        #expect(stat?.state == "Z")
        #expect(stat?.startTime == "12345")
        #expect(stat?.isRunning == false)
    }

    @Test("global flags come before the command, the rest belongs to it")
    func globalOptions() throws {
        let (options, command, rest) = try GlobalOptions.parse(
            ["--root", "/run/r", "--log=/b/log.json", "--log-format", "json", "delete", "--force", "c1"])
        #expect(options.root == "/run/r")
        #expect(options.logPath == "/b/log.json")
        #expect(options.logFormat == .json)
        #expect(command == "delete")
        #expect(rest == ["--force", "c1"])
        #expect(try DeleteCommand(arguments: rest).force)
        #expect(try KillCommand(arguments: ["c1", "KILL"]).signal == .SIGKILL)
        #expect(try KillCommand(arguments: ["c1", "9"]).signal == .SIGKILL)
    }

    @Test("config.json with a seccomp filter is refused, never run unconfined")
    func seccompRefused() throws {
        var spec = RuncJourney.spec(args: ["/bin/probe"], cgroupsPath: "/c")
        spec.linux?.seccomp = Spec.LinuxSeccomp(defaultAction: "SCMP_ACT_ERRNO")
        let confined = spec
        let machine = SimMachine(SimMachine.Configuration(seed: 7))
        machine.installDirectory("/rootfs")
        let observed = Mutex<String?>(nil)
        machine.installExecutable("/sbin/probe-init", program: Program(name: "probe-init", participant: nil) { context in
            do {
                try BundleSpec.validate(confined, rootfs: "/rootfs", kernel: context.kernel)
            } catch {
                observed.withLock { $0 = (error as? RuncError)?.message }
            }
            return 0
        })
        _ = try machine.boot(path: "/sbin/probe-init", arguments: ["probe-init"], environment: [])
        #expect(observed.withLock { $0 } == "seccomp is not supported yet by glassbox-runc: remove linux.seccomp from config.json")
    }
}

@Suite("runc: create, start, state and delete on the simulated machine")
struct RuncJourneyTests {
    @Test("create → created → start → the process runs in its own namespaces → delete leaves nothing")
    func lifecycle() throws {
        let journey = RuncJourney(args: ["/bin/probe"])
        let results = try journey.run()
        #expect(results["create"] == "exited 0")
        #expect(results["state after create"] == "created")
        #expect(results["start"] == "exited 0")
        #expect(results["probe pid"] == "1")
        #expect(results["probe hostname"] == "box")
        #expect(results["probe in own mnt ns"] == "true")
        #expect(results["probe in own pid ns"] == "true")
        #expect(results["probe in own uts ns"] == "true")
        #expect(results["probe cgroup"] == "0::/\(RuncJourney.cgroupName)")
        #expect(results["state after exit"] == "stopped")
        #expect(results["delete"] == "exited 0")
        #expect(results["state dir left"] == "false")
        #expect(results["cgroup left"] == "false")
        #expect(results["rootfs mounts left"] == "0")
        #expect(!journey.machine.cgroupPaths.contains { $0.contains(RuncJourney.cgroupName) })
    }

    @Test("a program missing from the container's PATH fails create with Go's exact words")
    func missingProgram() throws {
        let journey = RuncJourney(args: ["nosuch"])
        let results = try journey.run()
        #expect(results["create"] == "exited 1")
        #expect(results["log error"]
            == #"runc create failed: unable to start container process: exec: "nosuch": executable file not found in $PATH"#)
        #expect(results["state dir left"] == "false")
        #expect(results["cgroup left"] == "false")
        #expect(results["rootfs mounts left"] == "0")
    }
}

/// One simulated machine whose init drives glassbox-runc through a container's life, as the
/// shim would, and writes down what it saw.
final class RuncJourney: Sendable {
    static let cgroupName = "runc-journey"
    let machine: SimMachine
    let args: [String]
    private let results = Mutex<[String: String]>([:])

    init(args: [String]) {
        self.args = args
        machine = SimMachine(SimMachine.Configuration(seed: 42))
    }

    static func spec(args: [String], cgroupsPath: String) -> Spec {
        Spec(
            process: Spec.Process(args: args, env: [Spec.defaultPathEnv], cwd: "/",
                                  capabilities: Spec.LinuxCapabilities(
                                      bounding: Spec.defaultCapabilities, effective: Spec.defaultCapabilities,
                                      permitted: Spec.defaultCapabilities)),
            root: Spec.Root(path: "rootfs"), hostname: "box",
            mounts: [
                Spec.Mount(destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "noexec", "nodev"]),
                Spec.Mount(destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755"]),
            ],
            linux: Spec.Linux(
                resources: Spec.LinuxResources(pids: Spec.LinuxPids(limit: 64)), cgroupsPath: cgroupsPath,
                namespaces: [.init(type: .mount), .init(type: .uts), .init(type: .pid), .init(type: .ipc)],
                // Spec.defaultReadonlyPaths (/proc/sys …) join once the simulator keeps mounts made on
                // procfs directories (their inodes are made afresh on each lookup today).
                maskedPaths: Spec.defaultMaskedPaths
            )
        )
    }

    func record(_ key: String, _ value: String) { results.withLock { $0[key] = value } }

    func run() throws -> [String: String] {
        let bundle = "/run/bundle"
        machine.installExecutable("/usr/bin/glassbox-runc", program: RuncProgram.program)
        machine.register(probe)
        machine.installFile(bundle + "/rootfs/bin/probe", contents: SimMachine.executableContents(program: "probe"), mode: 0o755)
        machine.installDirectory(bundle + "/rootfs/proc")
        machine.installDirectory(bundle + "/rootfs/dev")
        machine.installFile(bundle + "/config.json",
                            contents: RuncJourney.spec(args: args, cgroupsPath: "/\(RuncJourney.cgroupName)").encoded())
        machine.installExecutable("/sbin/journey", program: Program(name: "journey", participant: nil) { [self] context in
            do { try drive(context.kernel, bundle: bundle) } catch { record("error", "\(error)") }
            return 0
        })
        let status = try machine.boot(path: "/sbin/journey", arguments: ["journey"], environment: ["PATH=/usr/bin:/bin"])
        record("machine", "\(status)")
        return results.withLock { $0 }
    }

    /// What the shim does, in order, with the checks in between.
    private func drive(_ kernel: Kernel, bundle: String) throws {
        let global = ["--root", "/run/runc", "--log", bundle + "/log.json", "--log-format", "json"]
        let create = try runc(kernel, global + ["create", "--bundle", bundle, "--pid-file", bundle + "/init.pid", "c1"])
        record("create", create.status)
        if create.status == "exited 0" {
            record("state after create", try containerStatus(kernel))
            record("start", try runc(kernel, global + ["start", "c1"]).status)
            let pid = Int32(try kernel.readTextFile(bundle + "/init.pid")) ?? -1
            _ = try kernel.wait4(ProcessID(pid), options: [])
            let observed = try kernel.readTextFile(bundle + "/rootfs/probe.txt")
            for line in observed.split(separator: "\n") {
                let pair = line.split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { record("probe " + pair[0], pair[1]) }
            }
            for namespace in ["mnt", "pid", "uts"] {
                let host = try kernel.readlink("/proc/self/ns/\(namespace)")
                record("probe in own \(namespace) ns", String(observed.contains("ns_\(namespace)=") && !observed.contains(host)))
            }
            record("state after exit", try containerStatus(kernel))
            record("delete", try runc(kernel, global + ["delete", "c1"]).status)
        } else if let log = try? kernel.readTextFile(bundle + "/log.json"),
                  let last = log.split(separator: "\n").last(where: { $0.contains(#""level":"error""#) }),
                  let message = try? JSONParser.parse(String(last))["msg"]?.stringValue {
            record("log error", message)
        }
        record("state dir left", String(kernel.exists("/run/runc/c1")))
        record("cgroup left", String(kernel.exists("/sys/fs/cgroup/\(RuncJourney.cgroupName)")))
        let mounts = (try? kernel.readTextFile("/proc/self/mounts")) ?? ""
        record("rootfs mounts left", String(mounts.split(separator: "\n").filter { $0.contains(bundle) }.count))
    }

    private func containerStatus(_ kernel: Kernel) throws -> String {
        let output = try runc(kernel, ["--root", "/run/runc", "state", "c1"]).output
        return try JSONParser.parse(output)["status"]?.stringValue ?? "no status in \(output)"
    }

    /// Runs glassbox-runc and reaps it. Its stdout is captured only when asked: after create,
    /// the container holds create's stdout until it exits.
    private func runc(_ kernel: Kernel, _ arguments: [String]) throws -> (status: String, output: String) {
        let isCreate = arguments.contains("create")
        let (read, write) = try kernel.pipe(closeOnExec: true)
        let actions: [SpawnFileAction] = isCreate ? [] : [.duplicate(write, to: .standardOutput)]
        let pid = try kernel.spawn(SpawnRequest(
            path: "/usr/bin/glassbox-runc", arguments: ["glassbox-runc"] + arguments,
            environment: ["PATH=/usr/bin:/bin"], fileActions: actions))
        try kernel.close(write)
        let output = String(decoding: try kernel.readAll(read), as: UTF8.self)
        try kernel.close(read)
        let status = try kernel.wait4(pid, options: [])?.status
        return (status.map { "\($0)" } ?? "no status", output)
    }

    /// The container's process: writes what it can see of its namespaces to /probe.txt.
    private var probe: Program {
        Program(name: "probe", participant: nil) { context in
            let kernel = context.kernel
            var lines = ["pid=\(kernel.getpid().rawValue)", "hostname=\(kernel.uname().nodename)"]
            for namespace in ["mnt", "pid", "uts"] {
                lines.append("ns_\(namespace)=" + ((try? kernel.readlink("/proc/self/ns/\(namespace)")) ?? "unreadable"))
            }
            let cgroup = (try? kernel.readTextFile("/proc/self/cgroup")) ?? "unreadable"
            lines.append("cgroup=" + cgroup.split(separator: "\n").joined(separator: ","))
            do {
                try kernel.writeFile("/probe.txt", lines.joined(separator: "\n") + "\n")
            } catch {
                return 1
            }
            return 0
        }
    }
}

@testable import Containerd
import KernelInterface
@testable import Shim
import SimKernel
import Synchronization
import OCI
import Testing
import Trace
import Wire

/// containerd and the shim on the simulated machine, with a stand-in runc (so that these tests
/// see only the containerd → shim → runc contract) and a driver that plays dockerd: it makes the
/// stdio FIFOs, reads them, and calls containerd's Containers and Tasks services.
@Suite("containerd and the shim: tasks, stdio, exits and clean-up")
struct ShimContainerdTests {
    @Test("a task runs: the shim creates, starts, reaps and deletes it, and nothing is left", arguments: [UInt64(11), 12, 13])
    func taskLifecycle(seed: UInt64) throws {
        let outcome = try ShimContainerdScenario.run(args: ["/hello"], seed: seed)
        #expect(outcome.failures == [])
        #expect(outcome.value("create.pid").map { Int($0) ?? 0 > 0 } == true)
        #expect(outcome.value("wait.exit_status") == "3")
        #expect(outcome.value("delete.exit_status") == "3")
        #expect(outcome.value("stdout") == "hello from the container\n")
        #expect(outcome.value("stderr") == "a line on stderr\n")
        #expect(outcome.value("get.status.before.start") == "created")
        #expect(outcome.value("bundle.exists") == "false")
        #expect(outcome.value("socket.exists") == "false")
        #expect(outcome.value("metadata.exists") == "true")
        let ops = Set(outcome.events.map(\.op))
        #expect(ops.contains("containerd.services.tasks.v1.Tasks/Create"))
        #expect(ops.contains("containerd.task.v2.Task/Create"))
        #expect(ops.contains("containerd.task.v2.Task/Shutdown"))
        #expect(outcome.events.contains { $0.kind == .lifecycle && $0.op == "process.exit" && $0.from == "shim" })
        // A containerd driven without runtime options: no options reach the shim, and runc's
        // state goes under the shim's default root.
        #expect(outcome.events.contains { $0.kind == .request && $0.op == "containerd.task.v2.Task/Create" && $0.body?["bundle"] != nil && $0.body?["options"] == nil })
        #expect(outcome.events.contains { $0.kind == .request && $0.proto == "exec" && $0.op.hasPrefix("glassbox-runc --root /run/glassbox/runc/moby --log ") && $0.op.contains(" create --bundle ") })
    }

    @Test("the runc root of Tasks/Create's options reaches the shim, and every runc call of the task runs under <root>/<namespace>")
    func runcRootFromOptions() throws {
        let options = RuncOptions(root: "/run/other/runtime-runc")
        let outcome = try ShimContainerdScenario.run(args: ["/hello"], options: options)
        #expect(outcome.failures == [])
        #expect(outcome.value("wait.exit_status") == "3")
        #expect(outcome.value("runc.directory.exists") == "true", "the stand-in runc kept the container's state under the root")
        let shimCreate = outcome.events.first { $0.kind == .request && $0.op == "containerd.task.v2.Task/Create" }
        #expect(shimCreate?.body?["options"] == .object([("root", .string("/run/other/runtime-runc"))]))
        let runcCalls = outcome.events.filter { $0.kind == .request && $0.proto == "exec" && $0.to == "runc" }
        let verbs = runcCalls.compactMap { call in ["create", "state", "start", "delete"].first { call.op.contains(" \($0) ") } }
        #expect(Set(verbs) == ["create", "state", "start", "delete"], "\(runcCalls.map(\.op))")
        for call in runcCalls {
            #expect(call.op.hasPrefix("glassbox-runc --root /run/other/runtime-runc/moby "), "\(call.op)")
        }
    }

    @Test("a failed runc create answers in containerd's words and leaves nothing behind")
    func failedCreate() throws {
        let outcome = try ShimContainerdScenario.run(args: ["/missing"])
        #expect(outcome.failures == [])
        #expect(outcome.value("create.code") == "Unknown")
        #expect(outcome.value("create.message") ==
            "failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"/missing\": no such file or directory: unknown")
        #expect(outcome.value("stdout") == "")
        #expect(outcome.value("bundle.exists") == "false")
        #expect(outcome.value("socket.exists") == "false")
        #expect(outcome.value("get.task.code") == "NotFound")
    }

    @Test("containers are records under containerd's root, with errdefs classes for errors")
    func containerRecords() throws {
        let outcome = try ShimContainerdScenario.run(args: ["/hello"], runTask: false)
        #expect(outcome.failures == [])
        #expect(outcome.value("duplicate.code") == "AlreadyExists")
        #expect(outcome.value("duplicate.message") == "container \"\(ShimContainerdScenario.id)\": already exists")
        #expect(outcome.value("missing.code") == "NotFound")
        #expect(outcome.value("missing.message") == "container \"nope\": not found")
        #expect(outcome.value("list.count") == "1")
        #expect(outcome.value("deleted.get.code") == "NotFound")
    }
}

@Suite("containerd and the shim: lifecycles, names and errors")
struct ShimContainerdRulesTests {
    @Test("the init goes created → running → stopped, and an exit racing runc start keeps it stopped")
    func initTransitions() {
        let exit = InitState.Event.exited(.exited(0), at: 5)
        #expect(InitState.created.applying(.started) == .running)
        #expect(InitState.running.applying(exit) == .stopped(status: .exited(0), exitedAt: 5))
        #expect(InitState.created.applying(exit) == .stopped(status: .exited(0), exitedAt: 5))
        #expect(InitState.stopped(status: .exited(0), exitedAt: 5).applying(.started) == .stopped(status: .exited(0), exitedAt: 5))
        #expect(InitState.running.applying(.started) == nil)
        #expect(InitState.stopped(status: .exited(1), exitedAt: 1).applying(exit) == nil)
    }

    @Test("errors carry errdefs' class word once, and the class picks the RPC code")
    func errorMapping() {
        let created = ShimError.rpcError(ShimError(.unknown, "OCI runtime create failed: runc create failed: x"))
        #expect(created.code == .unknown)
        #expect(created.message == "OCI runtime create failed: runc create failed: x: unknown")
        let wrapped = ContainerdError(fromRPC: created, prefix: "failed to create shim task", stage: "tasks/create")
        #expect(ContainerdError.rpcError(wrapped).message == "failed to create shim task: OCI runtime create failed: runc create failed: x: unknown")
        let missing = ContainerdError.rpcError(ContainerdError(.notFound, "container \"x\""))
        #expect(missing.code == .notFound)
        #expect(missing.message == "container \"x\": not found")
        #expect(ContainerdError.rpcError(ContainerdError(.alreadyExists, "task t")).code == .alreadyExists)
        #expect(ContainerdError.rpcError(ContainerdError(.failedPrecondition, "p")).code == .failedPrecondition)
        #expect(ContainerdError.rpcError(ContainerdError(.invalidArgument, "i")).code == .invalidArgument)
        #expect(ContainerdError.rpcError(ContainerdError(.unavailable, "u")).code == .unavailable)
    }

    @Test("identifiers follow containerd's pattern")
    func identifiers() {
        #expect((try? Identifier.validate(String(repeating: "a1", count: 32))) != nil)
        #expect((try? Identifier.validate("my-container_1.x")) != nil)
        for bad in ["", "../etc", "a..b", "-a", "a-", "a/b", String(repeating: "a", count: 77)] {
            #expect((try? Identifier.validate(bad)) == nil, "\(bad) should be refused")
        }
    }

    @Test("the shim's socket is s/<sha256 of address/namespace/id> under one short root, and runc gets the contract's command lines")
    func shimPathsAndRuncLines() throws {
        let options = try ShimOptions(arguments: ["-namespace", "moby", "-id", "abc", "-address", "/run/glassbox/containerd/containerd.sock", "start"])
        let hash = hexString(SHA256.hash(Array("/run/glassbox/containerd/containerd.sock/moby/abc".utf8)))
        #expect(options.socketPath == "/run/glassbox/containerd/s/" + hash)
        #expect(options.socketAddress == "unix:///run/glassbox/containerd/s/" + hash)
        // A containerd with a long state directory still gets a path that fits sun_path.
        let deep = "/tmp/" + String(repeating: "x", count: 120) + "/containerd.sock"
        let other = try ShimOptions(arguments: ["-namespace", "moby", "-id", "abc", "-address", "unix://" + deep, "start"])
        #expect(other.socketPath.utf8.count == 91 && other.socketPath != options.socketPath)
        let runc = Runc(root: "/run/glassbox/runtime-runc", namespace: "moby", bundle: "/b", executable: "/usr/bin/glassbox-runc")
        #expect(runc.arguments(.create(id: "abc")) == ["glassbox-runc", "--root", "/run/glassbox/runtime-runc/moby", "--log", "/b/log.json", "--log-format", "json",
                                                      "create", "--bundle", "/b", "--pid-file", "/b/init.pid", "abc"])
        #expect(runc.arguments(.delete(id: "abc", force: true)).suffix(3) == ["delete", "--force", "abc"])
        #expect(runc.arguments(.kill(id: "abc", signal: 9)).suffix(3) == ["kill", "abc", "9"])
        #expect(runc.arguments(.state(id: "abc")) == ["glassbox-runc", "--root", "/run/glassbox/runtime-runc/moby", "state", "abc"])
    }

    @Test("without a root in the options runc's state goes under the shim's default, per namespace")
    func defaultRuncRoot() {
        for root in [nil, ""] as [String?] {
            #expect(Runc(root: root, namespace: "moby", bundle: "/b", executable: "/r").root == "/run/glassbox/runc/moby")
        }
        #expect(Runc(root: "/tmp/x/runtime-runc/", namespace: "k8s.io", bundle: "/b", executable: "/r").root == "/tmp/x/runtime-runc/k8s.io")
    }
}

/// What the driver saw, as named values, plus the trace.
struct ShimContainerdOutcome {
    let values: [String: String]
    let failures: [String]
    let events: [TraceEvent]
    func value(_ key: String) -> String? { values[key] }
}

final class ScenarioRecorder: Sendable {
    let values = Mutex<[String: String]>([:])
    let failures = Mutex<[String]>([])
    let trace = Mutex<[UInt8]>([])
    func set(_ key: String, _ value: String) { values.withLock { $0[key] = value } }
    func fail(_ what: String) { failures.withLock { $0.append(what) } }
}

enum ShimContainerdScenario {
    static let id = String(repeating: "ab", count: 32)
    static let address = "/run/glassbox/containerd/containerd.sock"
    static let state = "/run/glassbox/containerd"
    static let root = "/var/lib/glassbox/containerd"

    /// `options`: the runtime options the driver sends with Tasks/Create, as dockerd does.
    static func run(args: [String], runTask: Bool = true, seed: UInt64 = 11, options: RuncOptions? = nil) throws -> ShimContainerdOutcome {
        let recorder = ScenarioRecorder()
        let machine = SimMachine(SimMachine.Configuration(seed: seed))
        machine.installExecutable("/usr/bin/glassbox-containerd", program: ContainerdProgram.program)
        machine.installExecutable("/usr/bin/glassbox-shim", program: ShimProgram.program)
        machine.installExecutable("/usr/bin/glassbox-runc", program: StandInRunc.program)
        machine.installExecutable("/usr/bin/stand-in-init", program: StandInRunc.initProgram)
        machine.installExecutable("/usr/bin/driver", program: Program(name: "driver", participant: "dockerd") { context in
            Driver(context: context, recorder: recorder, args: args, runTask: runTask, options: options).main()
        })
        machine.installDirectory("/var/lib")
        machine.installTraceFile("/trace.jsonl") { bytes in recorder.trace.withLock { $0 += bytes } }
        let status = try machine.boot(path: "/usr/bin/driver", arguments: ["driver"],
                                      environment: ["PATH=/usr/bin:/bin", "GLASSBOX_TRACE=/trace.jsonl"])
        if status != .exited(0) { recorder.fail("driver ended \(status)") }
        let trace = recorder.trace.withLock { $0 }
        return ShimContainerdOutcome(
            values: recorder.values.withLock { $0 }, failures: recorder.failures.withLock { $0 },
            events: trace.split(separator: 0x0A).compactMap { try? TraceEvent(line: $0) }
        )
    }
}

/// Plays dockerd against containerd: the calls, FIFOs and checks of one scenario.
struct Driver {
    let context: ProcessContext
    let recorder: ScenarioRecorder
    let args: [String]
    let runTask: Bool
    let options: RuncOptions?
    var kernel: Kernel { context.kernel }
    var id: String { ShimContainerdScenario.id }

    func main() -> Int32 {
        do {
            try kernel.ignoreSignal(.SIGPIPE, true)
            let containerd = try ExecHop.spawn(kernel: kernel, SpawnRequest(
                path: "/usr/bin/glassbox-containerd",
                arguments: ["glassbox-containerd", "--address", ShimContainerdScenario.address,
                            "--root", ShimContainerdScenario.root, "--state", ShimContainerdScenario.state],
                environment: context.environment), to: "containerd", inheritTraceFrom: context.environment)
            let client = try connectWhenReady()
            try createContainer(client)
            if runTask { try runTheTask(client) } else { try checkRecords(client) }
            client.close()
            try kernel.kill(containerd.pid, .SIGTERM)
            _ = try kernel.wait4(containerd.pid, options: [])
        } catch {
            recorder.fail("driver: \(error)")
        }
        return 0
    }

    func connectWhenReady() throws -> RPCClient {
        for _ in 0..<1000 {
            if let client = try? RPCClient.connect(kernel: kernel, address: .unix(ShimContainerdScenario.address)) { return client }
            try kernel.nanosleep(1_000_000)
        }
        throw Errno.ECONNREFUSED
    }

    func createContainer(_ client: RPCClient) throws {
        let spec = JSONValue.object([
            ("ociVersion", .string("1.0.2-dev")),
            ("process", .object([("args", .array(args.map { .string($0) }))])),
            ("root", .object([("path", .string("/rootfs"))])),
        ])
        let record = ContainerRecord(id: id, labels: nil, image: "busybox:latest",
                                     runtime: .init(name: "io.containerd.runc.v2"), spec: JSONValueCodable(spec))
        _ = try client.call(ContainerdService.containers, "Create", CreateContainerRequest(container: record), as: CreateContainerResponse.self)
    }

    /// Calls and records the error's code and message, or "ok".
    func attempt(_ key: String, _ body: () throws -> Void) {
        do {
            try body()
            recorder.set(key + ".code", "OK")
        } catch let error as RPCError {
            recorder.set(key + ".code", error.code.name)
            recorder.set(key + ".message", error.message)
        } catch {
            recorder.set(key + ".code", "\(error)")
        }
    }

    func checkRecords(_ client: RPCClient) throws {
        let record = try client.call(ContainerdService.containers, "Get", GetContainerRequest(id: id), as: JSONValueCodable.self)
        _ = record
        attempt("duplicate") {
            let again = ContainerRecord(id: id, labels: nil, image: "x", runtime: .init(name: "io.containerd.runc.v2"),
                                        spec: JSONValueCodable(.object([])))
            _ = try client.call(ContainerdService.containers, "Create", CreateContainerRequest(container: again), as: JSONValueCodable.self)
        }
        attempt("missing") { _ = try client.call(ContainerdService.containers, "Get", GetContainerRequest(id: "nope"), as: JSONValueCodable.self) }
        let list = try client.call(ContainerdService.containers, "List", JSONValue.object([]))
        recorder.set("list.count", String(list["containers"]?.arrayValue?.count ?? -1))
        _ = try client.call(ContainerdService.containers, "Delete", DeleteContainerRequest(id: id), as: JSONValueCodable.self)
        attempt("deleted.get") { _ = try client.call(ContainerdService.containers, "Get", GetContainerRequest(id: id), as: JSONValueCodable.self) }
    }

    func runTheTask(_ client: RPCClient) throws {
        let fifoDirectory = joinPath(ShimContainerdScenario.state, id)
        try kernel.mkdirAll(fifoDirectory, mode: 0o700)
        let stdoutPath = joinPath(fifoDirectory, "init-stdout")
        let stderrPath = joinPath(fifoDirectory, "init-stderr")
        try kernel.mknod(stdoutPath, kind: .fifo, mode: 0o700, major: 0, minor: 0)
        try kernel.mknod(stderrPath, kind: .fifo, mode: 0o700, major: 0, minor: 0)
        let lock = kernel.makeLock()
        for (name, path) in [("stdout", stdoutPath), ("stderr", stderrPath)] {
            try kernel.spawnThread(name: "read-\(name)") { [recorder] threadKernel in
                let fd = try? threadKernel.open(path, [.readOnly, .closeOnExec], mode: 0)
                let bytes = fd.flatMap { try? threadKernel.readAll($0) } ?? []
                if let fd { try? threadKernel.close(fd) }
                lock.withLock {
                    recorder.set(name, String(decoding: bytes, as: UTF8.self))
                    lock.broadcast()
                }
            }
        }
        let bundle = joinPath(ShimContainerdScenario.state, "io.containerd.runtime.v2.task/moby/\(id)")
        let socket = joinPath(ShimContainerdScenario.state, "s/\(id)")
        var created = false
        attempt("create") {
            let answer = try client.call(ContainerdService.tasks, "Create",
                                         CreateTaskRequest(container_id: id, stdin: "", stdout: stdoutPath, stderr: stderrPath, terminal: false,
                                                           options: options),
                                         as: CreateTaskResponse.self)
            recorder.set("create.pid", String(answer.pid))
            let runcRoot = joinPath(options?.root ?? "/run/glassbox/runc", "moby")
            recorder.set("runc.directory.exists", String(kernel.exists(joinPath(runcRoot, id))))
            created = true
        }
        if created {
            let waitLock = kernel.makeLock()
            try kernel.spawnThread(name: "wait") { [recorder] threadKernel in
                do {
                    let own = try RPCClient.connect(kernel: threadKernel, address: .unix(ShimContainerdScenario.address))
                    let answer = try own.call(ContainerdService.tasks, "Wait", WaitTaskRequest(container_id: ShimContainerdScenario.id), as: WaitTaskResponse.self)
                    own.close()
                    recorder.set("wait.exit_status", String(answer.exit_status))
                } catch {
                    recorder.fail("wait: \(error)")
                }
                waitLock.withLock {
                    recorder.set("wait.done", "true")
                    waitLock.broadcast()
                }
            }
            let before = try client.call(ContainerdService.tasks, "Get", GetTaskRequest(container_id: id), as: GetTaskResponse.self)
            recorder.set("get.status.before.start", before.process.status)
            _ = try client.call(ContainerdService.tasks, "Start", StartTaskRequest(container_id: id), as: StartTaskResponse.self)
            try waitLock.withLock { while recorder.value("wait.done") == nil { try waitLock.wait() } }
            let deleted = try client.call(ContainerdService.tasks, "Delete", DeleteTaskRequest(container_id: id), as: DeleteTaskResponse.self)
            recorder.set("delete.exit_status", String(deleted.exit_status))
        }
        try? lock.withLock { while recorder.value("stdout") == nil || recorder.value("stderr") == nil { try lock.wait() } }
        attempt("get.task") { _ = try client.call(ContainerdService.tasks, "Get", GetTaskRequest(container_id: id), as: JSONValueCodable.self) }
        // The shim removes its socket as it exits; give it its grace period.
        try kernel.nanosleep(50_000_000)
        recorder.set("bundle.exists", String(kernel.exists(bundle)))
        recorder.set("socket.exists", String(kernel.exists(socket)))
        recorder.set("metadata.exists", String(kernel.exists(joinPath(ShimContainerdScenario.root, "io.containerd.metadata.v1/moby/containers/\(id).json"))))
    }
}

extension ScenarioRecorder {
    func value(_ key: String) -> String? { values.withLock { $0[key] } }
}

/// A runc that keeps only the contract the shim relies on: `create` leaves an init waiting on
/// `exec.fifo` (a child of runc, so reparented to the shim when runc exits) and writes the pid
/// file; `start` releases it; `kill`, `delete`, `state`. An init whose program is `/missing`
/// fails the way runc reports it, in `--log`.
enum StandInRunc {
    static let program = Program(name: "glassbox-runc", participant: "runc") { context in
        (try? run(context)) ?? 1
    }

    /// Waits on the FIFO, then writes a line to each stream and exits 3.
    static let initProgram = Program(name: "stand-in-init", participant: nil) { context in
        let kernel = context.kernel
        guard context.arguments.count > 1, let fifo = try? kernel.open(context.arguments[1], [.writeOnly, .closeOnExec], mode: 0) else { return 100 }
        _ = try? kernel.write(fifo, [0])
        try? kernel.close(fifo)
        context.print("hello from the container")
        context.printError("a line on stderr")
        return 3
    }

    static func run(_ context: ProcessContext) throws -> Int32 {
        let kernel = context.kernel
        var arguments = Array(context.arguments.dropFirst())
        var root = "/run/runc"
        var log = ""
        while let first = arguments.first, first.hasPrefix("--") {
            arguments.removeFirst()
            let value = arguments.isEmpty ? "" : arguments.removeFirst()
            if first == "--root" { root = value }
            if first == "--log" { log = value }
        }
        guard let command = arguments.first else { return 2 }
        arguments.removeFirst()
        var flags: [String: String] = [:]
        var positional: [String] = []
        while let next = arguments.first {
            arguments.removeFirst()
            if next == "--force" || next == "--all" { flags[next] = "true" } else if next.hasPrefix("--") {
                flags[next] = arguments.isEmpty ? "" : arguments.removeFirst()
            } else { positional.append(next) }
        }
        guard let id = positional.first else { return 2 }
        let directory = joinPath(root, id)
        let fifo = joinPath(directory, "exec.fifo")
        switch command {
        case "create":
            let bundle = flags["--bundle"] ?? "."
            let spec = try JSONParser.parse(kernel.readFile(joinPath(bundle, "config.json")))
            let program = spec["process"]?["args"]?.arrayValue?.first?.stringValue ?? ""
            guard program == "/hello" else {
                let line = "{\"level\":\"error\",\"msg\":\"runc create failed: unable to start container process: exec: \\\"\(program)\\\": no such file or directory\",\"time\":\"2026-01-01T00:00:00Z\"}\n"
                let fd = try kernel.open(log, [.writeOnly, .create, .append, .closeOnExec], mode: 0o644)
                try kernel.writeAll(fd, line)
                try kernel.close(fd)
                return 1
            }
            try kernel.mkdirAll(directory, mode: 0o711)
            try kernel.mknod(fifo, kind: .fifo, mode: 0o622, major: 0, minor: 0)
            let pid = try kernel.spawn(SpawnRequest(path: "/usr/bin/stand-in-init", arguments: ["stand-in-init", fifo], environment: []))
            try kernel.writeFile(joinPath(directory, "pid"), String(pid.rawValue))
            if let pidFile = flags["--pid-file"] { try kernel.writeFile(pidFile, String(pid.rawValue)) }
        case "start":
            let fd = try kernel.open(fifo, [.readOnly, .closeOnExec], mode: 0)
            _ = try kernel.read(fd, count: 1)
            try kernel.close(fd)
            try kernel.unlink(fifo)
        case "kill":
            let pid = try ProcessID(Int32(kernel.readTextFile(joinPath(directory, "pid"))) ?? 0)
            try kernel.kill(pid, Signal(parsing: positional.count > 1 ? positional[1] : "15") ?? .SIGTERM)
        case "delete":
            if flags["--force"] != nil, let pid = Int32((try? kernel.readTextFile(joinPath(directory, "pid"))) ?? "") {
                try? kernel.kill(ProcessID(pid), .SIGKILL)
            }
            try kernel.removeAll(directory)
        case "state":
            context.print("{\"id\":\"\(id)\",\"status\":\"\(kernel.exists(fifo) ? "created" : "running")\"}")
        default:
            return 2
        }
        return 0
    }
}

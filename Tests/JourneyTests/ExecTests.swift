import Engine
import KernelInterface
import Render
import Testing
import Trace

/// `glassbox exec` on the simulated machine, through every layer: the Engine API's exec
/// endpoints, containerd's Tasks/Exec, the shim's Task/Exec and `runc exec`, which joins the
/// container's namespaces.
@Suite("docker exec on the simulated kernel", .serialized)
struct ExecTests {
    @Test("exec ps sees the container's processes only: its sleep as pid 1 and the ps itself")
    func psInsideTheContainer() throws {
        let session = try EngineSession.run([
            ["run", "-d", "--name", "web", "busybox", "sleep", "300"],
            ["exec", "web", "ps"],
            ["exec", "web", "hostname"],
            ["rm", "-f", "web"],
        ])
        #expect(session[0].status == 0, "\(session[0].error)")
        #expect(session[1].status == 0, "\(session[1].error)")
        let rows = session[1].output.split(separator: "\n").dropFirst()
        #expect(rows.count == 2, "\(session[1].output)")
        let first = rows.first?.split(separator: " ", omittingEmptySubsequences: true) ?? []
        #expect(first.first == "1", "\(session[1].output)")
        #expect(rows.first?.contains("sleep") == true, "\(session[1].output)")
        #expect(rows.last?.contains("ps") == true, "\(session[1].output)")
        let id = String(session[0].output.filter { !$0.isWhitespace })
        #expect(session[2].output == id.prefix(12) + "\n", "the container's hostname, not the machine's")
    }

    @Test("the exec's exit status is docker exec's, stdout and stderr kept apart")
    func exitStatusAndStreams() throws {
        let session = try EngineSession.run([
            ["run", "-d", "--name", "web", "busybox", "sleep", "300"],
            ["exec", "web", "sh", "-c", "echo out; echo err >&2; exit 3"],
            ["exec", "-e", "GREETING=hi", "-w", "/etc", "web", "sh", "-c", "echo $GREETING; pwd"],
            ["exec", "-d", "web", "sleep", "100"],
            ["inspect", "-f", "{{json .ExecIDs}}", "web"],
            ["rm", "-f", "web"],
        ])
        #expect(session[1].status == 3, "\(session[1].error)")
        #expect(session[1].output == "out\n")
        #expect(session[1].error == "err\n")
        #expect(session[2].status == 0, "\(session[2].error)")
        #expect(session[2].output == "hi\n/etc\n")
        #expect(session[3].status == 0, "\(session[3].error)")
        #expect(session[3].output.isEmpty)
        #expect(session[4].output.hasPrefix("[\"") && session[4].output.count == 64 + 5,
                "the running exec is listed in ExecIDs: \(session[4].output) \(session[4].error)")
    }

    @Test("a program not found ends 127 and one not executable 126, with runc's words")
    func notFoundAndNotExecutable() throws {
        let session = try EngineSession.run([
            ["run", "-d", "--name", "web", "busybox", "sleep", "300"],
            ["exec", "web", "nosuch"],
            ["exec", "web", "/etc/passwd"],
            ["exec", "web", "echo", "still fine"],
            ["rm", "-f", "web"],
        ])
        #expect(session[1].status == 127, "\(session[1].output) \(session[1].error)")
        #expect(session[1].output.contains(
            "OCI runtime exec failed: exec failed: unable to start container process: exec: \"nosuch\": executable file not found in $PATH: unknown"),
                "\(session[1].output)")
        #expect(session[2].status == 126, "\(session[2].output) \(session[2].error)")
        #expect(session[2].output.contains("permission denied"), "\(session[2].output)")
        #expect(session[3].output == "still fine\n", "a failed exec leaves the container running")
    }

    @Test("exec in a stopped container is a 409 and docker's message, exit 1; in none a 404")
    func stoppedContainer() throws {
        let session = try EngineSession.run([
            ["run", "--name", "done", "busybox", "true"],
            ["exec", "done", "ps"],
            ["HTTP", "POST", "/v1.41/containers/done/exec", "{\"Cmd\":[\"ps\"]}"],
            ["exec", "nosuch", "ps"],
            ["HTTP", "POST", "/v1.41/containers/done/exec", "{\"Cmd\":[]}"],
            ["HTTP", "GET", "/v1.41/exec/nosuch/json"],
        ])
        #expect(session[1].status == 1)
        #expect(session[1].error.contains("Error response from daemon: Container "), "\(session[1].error)")
        #expect(session[1].error.contains(" is not running"), "\(session[1].error)")
        #expect(session[2].output.hasPrefix("409 "), "\(session[2].output)")
        #expect(session[3].status == 1)
        #expect(session[3].error.contains("No such container: nosuch"))
        #expect(session[4].output.hasPrefix("400 "), "\(session[4].output)")
        #expect(session[5].output.hasPrefix("404 "), "\(session[5].output)")
        #expect(session[5].output.contains("No such exec instance: nosuch"))
    }

    @Test("the trace holds every exec hop in order, and ExecInspect answers docker's fields")
    func hopsAndInspect() throws {
        let session = try EngineSession.run([
            ["run", "-d", "--name", "web", "busybox", "sleep", "300"],
            ["exec", "web", "sh", "-c", "exit 3"],
            ["rm", "-f", "web"],
        ], traced: true)
        #expect(session[1].status == 3, "\(session[1].error)")
        let events = session.events
        func index(_ what: String, from start: Int = 0, _ matches: (TraceEvent) -> Bool) -> Int {
            let found = events[min(start, events.count)...].firstIndex(where: matches)
            #expect(found != nil, "missing in the trace: \(what)")
            return found ?? events.count
        }
        let create = index("exec create") { $0.kind == .response && $0.op.hasSuffix("/containers/web/exec") && $0.status == "201 Created" }
        let start = index("exec start", from: create) { $0.kind == .response && $0.op.contains("/exec/") && $0.op.hasSuffix("/start") && $0.status == "101 UPGRADED" }
        let tasksExec = index("Tasks/Exec", from: start) { $0.kind == .request && $0.op == "containerd.services.tasks.v1.Tasks/Exec" }
        let shimExec = index("Task/Exec", from: tasksExec) { $0.kind == .request && $0.op == "containerd.task.v2.Task/Exec" }
        let tasksStart = index("Tasks/Start", from: shimExec) { $0.kind == .request && $0.op == "containerd.services.tasks.v1.Tasks/Start" }
        let runcExec = index("runc exec", from: tasksStart) { $0.kind == .request && $0.proto == "exec" && $0.op.contains(" exec --process ") }
        let setns = index("setns", from: runcExec) { $0.kind == .syscall && $0.op == "setns" }
        let exit = index("exec exit", from: setns) { $0.kind == .lifecycle && $0.op == "process.exit" && $0.attrs?.contains { $0.0 == "exec_id" } == true }
        let delete = index("Tasks/DeleteProcess", from: exit) { $0.kind == .request && $0.op == "containerd.services.tasks.v1.Tasks/DeleteProcess" }
        _ = index("exec_die", from: delete) { $0.kind == .lifecycle && $0.op == "container.exec_die" }
        let inspect = index("exec inspect", from: start) { $0.kind == .response && $0.op.contains("/exec/") && $0.op.hasSuffix("/json") }
        guard inspect < events.count, let body = events[inspect].body else { return }
        #expect(body["ExitCode"] == .int(3))
        #expect(body["Running"] == .bool(false))
        #expect(body["ProcessConfig"]?["entrypoint"] == .string("sh"))
        #expect(body["ProcessConfig"]?["arguments"] == .array([.string("-c"), .string("exit 3")]))
        #expect(body["OpenStdout"] == .bool(true))
        #expect(body["ContainerID"]?.stringValue?.count == 64)
        #expect(body["ID"]?.stringValue?.count == 64)
        for hop in [create, start, tasksExec, shimExec, runcExec] where hop < events.count {
            let explanation = Explanation.matching(events[hop])
            #expect(explanation != nil && explanation?.isGeneric == false, "no explanation for \(events[hop].op)")
        }
    }
}

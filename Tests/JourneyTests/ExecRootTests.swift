import Testing
import Trace

/// dockerd's `--exec-root` on the simulated machine: runc's state directory follows it, as
/// Docker's runc runtime keeps its state under `<exec-root>/runtime-runc/moby`, so two daemons
/// with different exec roots never share runc state.
@Suite("dockerd's exec root holds runc's state")
struct ExecRootTests {
    @Test("a daemon with --exec-root /run/other sends its runc root with Tasks/Create, and every runc of the container runs under it")
    func runcRootFollowsExecRoot() throws {
        let session = try EngineSession.run([
            ["run", "-d", "--name", "web", "busybox", "sleep", "300"],
            ["exec", "web", "true"],
            ["rm", "-f", "web"],
        ], traced: true, daemonArguments: ["--exec-root", "/run/other"])
        #expect(session[0].status == 0, "\(session[0].error)")
        #expect(session[1].status == 0, "\(session[1].error)")
        #expect(session[2].status == 0, "\(session[2].error)")
        let events = session.events
        let expectedOptions = JSONValue.object([("root", .string("/run/other/runtime-runc"))])
        for op in ["containerd.services.tasks.v1.Tasks/Create", "containerd.task.v2.Task/Create"] {
            let request = events.first { $0.kind == .request && $0.op == op }
            #expect(request?.body?["options"] == expectedOptions, "\(op): \(String(describing: request?.body))")
        }
        let runcCalls = events.filter { $0.kind == .request && $0.proto == "exec" && $0.to == "runc" }
        let verbs = Set(runcCalls.compactMap { call in ["create", "start", "exec", "kill", "delete"].first { call.op.contains(" \($0) ") } })
        #expect(verbs == ["create", "start", "exec", "kill", "delete"], "\(runcCalls.map(\.op))")
        for call in runcCalls {
            #expect(call.op.hasPrefix("glassbox-runc --root /run/other/runtime-runc/moby "), "\(call.op)")
        }
    }
}

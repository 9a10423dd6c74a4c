import Trace

/// A hand-written trace of `glassbox run hello-world` on a machine without the image: the hops
/// of Docker's own exchange (see /work/shared/reference/docker-run-wire.txt) with the ids, spans
/// and timestamps a simulated run would give, and a few syscalls under runc's hops.
enum HelloWorldTrace {
    static let containerID = "075a537fbe80bf19ba0fe261ad7cbb6ed7ff54e2bbd2c4bf242c10c58046bb52"
    static let layerDigest = "sha256:2db29710123e3e53a794f2694094b9b4338aa9ee5c40b930cb8063a1be392c54"
    static let runcCreateOp = "glassbox-runc --root /run/glassbox/runtime-runc/moby create --bundle "
        + "/run/glassbox/containerd/io.containerd.runtime.v2.task/moby/\(containerID) \(containerID)"

    /// Syscalls runc makes under its `create` hop: more than the default limit of 12.
    static let runcCreateSyscalls: [(String, [String], String)] = [
        ("openat", ["AT_FDCWD", "\"config.json\"", "O_RDONLY"], "3"),
        ("read", ["3", "4096"], "1739"),
        ("close", ["3"], "0"),
        ("clone", ["CLONE_NEWNS|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWPID|CLONE_NEWNET"], "612"),
        ("mount", ["\"\"", "\"/\"", "\"\"", "MS_REC|MS_PRIVATE"], "0"),
        ("mount", ["\"rootfs\"", "\"rootfs\"", "\"\"", "MS_BIND|MS_REC"], "0"),
        ("mount", ["\"proc\"", "\"rootfs/proc\"", "\"proc\"", "MS_NOSUID|MS_NODEV|MS_NOEXEC"], "0"),
        ("mount", ["\"tmpfs\"", "\"rootfs/dev\"", "\"tmpfs\"", "MS_NOSUID|MS_STRICTATIME"], "0"),
        ("chdir", ["\"rootfs\""], "0"),
        ("pivot_root", ["\".\"", "\".\""], "0"),
        ("umount2", ["\".\"", "MNT_DETACH"], "0"),
        ("sethostname", ["\"075a537fbe80\""], "0"),
        ("mkdir", ["\"/dev/pts\"", "0755"], "EEXIST"),
        ("mknodat", ["AT_FDCWD", "\"exec.fifo\"", "S_IFIFO|0622"], "0"),
        ("prctl", ["PR_SET_NO_NEW_PRIVS", "1"], "0"),
        ("seccomp", ["SECCOMP_SET_MODE_FILTER", "0", "<filter 44 rules>"], "0"),
    ]

    static var text: String { events().map(\.line).joined() }

    static func events() -> [TraceEvent] {
        let trace = TraceBuilder()
        let client = trace.root(), dockerd = trace.root(), containerd = trace.root()
        let id = containerID
        trace.syscall(from: "client", pid: 100, parent: client, "connect", ["3", "\"/var/run/glassbox.sock\""], "0")
        trace.hop(.http, "client", "dockerd", "HEAD /_ping", parent: client, status: "200 OK")
        trace.hop(.http, "client", "dockerd", "POST /v1.41/containers/create", parent: client, status: "404 Not Found")
        trace.hop(.http, "client", "dockerd", "POST /v1.41/images/create?fromImage=hello-world&tag=latest",
                  parent: client, status: "200 OK") { pull in
            trace.hop(.registry, "dockerd", "registry", "GET /v2/library/hello-world/manifests/latest",
                      parent: pull, status: "200 OK")
            trace.hop(.registry, "dockerd", "registry", "GET /v2/library/hello-world/blobs/\(layerDigest)",
                      parent: pull, status: "200 OK")
        }
        trace.hop(.http, "client", "dockerd", "POST /v1.41/containers/create", parent: client, status: "201 Created")
        trace.hop(.http, "client", "dockerd", "POST /v1.41/containers/\(id)/attach?stderr=1&stdout=1&stream=1",
                  parent: client, status: "101 UPGRADED")
        let wait = trace.request(.http, "client", "dockerd", "POST /v1.41/containers/\(id)/wait?condition=next-exit",
                                 parent: client)
        trace.hop(.http, "client", "dockerd", "POST /v1.41/containers/\(id)/start", parent: client,
                  status: "204 No Content") { start in
            trace.hop(.ttrpc, "dockerd", "containerd", "containerd.services.containers.v1.Containers/Create",
                      parent: start, status: "ok")
            trace.hop(.ttrpc, "dockerd", "containerd", "containerd.services.tasks.v1.Tasks/Create",
                      parent: start, status: "ok") { create in
                trace.hop(.exec, "containerd", "shim",
                          "glassbox-shim -namespace moby -id \(id) -address /run/glassbox/containerd/containerd.sock start",
                          parent: create, status: "exit 0")
                trace.hop(.ttrpc, "containerd", "shim", "containerd.task.v2.Task/Create", parent: create,
                          status: "ok") { shimCreate in
                    trace.hop(.exec, "shim", "runc", runcCreateOp, parent: shimCreate, status: "exit 0") { runc in
                        for (name, args, result) in runcCreateSyscalls {
                            trace.syscall(from: "runc", pid: 500, parent: runc, name, args, result)
                        }
                        trace.lifecycle(from: "runc", to: "container", "created", parent: runc)
                    }
                }
            }
            trace.hop(.ttrpc, "dockerd", "containerd", "containerd.services.tasks.v1.Tasks/Start",
                      parent: start, status: "ok") { tasksStart in
                trace.hop(.ttrpc, "containerd", "shim", "containerd.task.v2.Task/Start", parent: tasksStart,
                          status: "ok") { shimStart in
                    trace.hop(.exec, "shim", "runc", "glassbox-runc --root /run/glassbox/runtime-runc/moby start \(id)",
                              parent: shimStart, status: "exit 0") { runc in
                        trace.syscall(from: "runc", pid: 501, parent: runc, "openat", ["AT_FDCWD", "\"exec.fifo\"", "O_RDONLY"], "4")
                        trace.lifecycle(from: "runc", to: "container", "running", parent: runc)
                        trace.syscall(from: "container", pid: 612, parent: runc, "execve", ["\"/hello\"", "[\"/hello\"]"], "0")
                        trace.syscall(from: "container", pid: 612, parent: runc, "write", ["1", "\"Hello from Docker!\\n\"…"], "813")
                    }
                }
            }
        }
        trace.lifecycle(from: "shim", to: "container", "stopped", status: "exit 0", parent: containerd)
        trace.response(wait, status: "200 OK")
        _ = dockerd
        return trace.events
    }
}

/// Writes events the way the layers do: a hop's `request` and `response` share its span, the
/// request's parent is the span the hop was made under, and time moves on a few microseconds
/// per event.
final class TraceBuilder {
    enum Proto: String { case http, ttrpc, exec, registry }

    struct Open {
        let proto: Proto
        let from: String, to: String, op: String
        let span: String, parent: String
        let start: Int64
    }

    static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let epoch: Int64 = 1_795_371_380_000_000_000

    private(set) var events: [TraceEvent] = []
    private var nextSpan: UInt64 = 0x00f0_67aa_0ba9_02b7
    private var clock = TraceBuilder.epoch
    private var sequence: Int64 = 0

    static let pids = ["client": Int32(100), "dockerd": 200, "registry": 250, "containerd": 300, "shim": 400, "runc": 500, "container": 612]

    func root() -> String { newSpan() }

    func newSpan() -> String {
        nextSpan = nextSpan &* 6364136223846793005 &+ 1442695040888963407
        let hex = String(nextSpan, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private func tick(_ microseconds: Int64 = 37) -> Int64 {
        clock += microseconds * 1_000 + Int64(events.count % 7) * 11_000
        return clock
    }

    func request(_ proto: Proto, _ from: String, _ to: String, _ op: String, parent: String) -> Open {
        let open = Open(proto: proto, from: from, to: to, op: op, span: newSpan(), parent: parent, start: tick())
        sequence += 1
        events.append(TraceEvent(seq: sequence, ts: open.start, trace: TraceBuilder.traceID, span: open.span,
                                 parent: parent, kind: .request, from: from, to: to, op: op,
                                 pid: TraceBuilder.pids[to] ?? 1, proto: proto.rawValue))
        return open
    }

    func response(_ open: Open, status: String) {
        let now = tick()
        sequence += 1
        events.append(TraceEvent(seq: sequence, ts: now, trace: TraceBuilder.traceID, span: open.span,
                                 parent: open.parent, kind: .response, from: open.to, to: open.from, op: open.op,
                                 pid: TraceBuilder.pids[open.to] ?? 1, proto: open.proto.rawValue,
                                 status: status, dur: now - open.start))
    }

    func hop(_ proto: Proto, _ from: String, _ to: String, _ op: String, parent: String, status: String,
                      _ served: (String) -> Void = { _ in }) {
        let open = request(proto, from, to, op, parent: parent)
        served(open.span)
        response(open, status: status)
    }

    func syscall(from: String, pid: Int32, parent: String, _ name: String, _ args: [String], _ result: String) {
        let start = tick(3)
        sequence += 1
        events.append(TraceEvent(seq: sequence, ts: start, trace: TraceBuilder.traceID, span: newSpan(),
                                 parent: parent, kind: .syscall, from: from, to: "kernel", op: name, pid: pid,
                                 args: args, result: result, dur: 1_500))
    }

    func lifecycle(from: String, to: String, _ op: String, status: String? = nil, parent: String) {
        sequence += 1
        events.append(TraceEvent(seq: sequence, ts: tick(), trace: TraceBuilder.traceID, span: newSpan(),
                                 parent: parent, kind: .lifecycle, from: from, to: to, op: op,
                                 pid: TraceBuilder.pids[from] ?? 1, status: status))
    }
}

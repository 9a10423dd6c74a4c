import Trace

/// The shim's task API (containerd's runtime/v2/task/shim.proto, service
/// `containerd.task.v2.Task`), which containerd calls on the socket the shim printed at start.
///
///     containerd ──exec: containerd-shim -namespace moby -id ID -address SOCK start──▶ shim
///                ◀── stdout: unix:///run/…/ID.sock ── (the shim daemonized; its parent exits)
///     containerd ──Task/Create {id, bundle, stdout, stderr, options}──▶ shim ──exec runc create──▶ runc
///     containerd ──Task/Start──▶ shim ──exec runc start──▶ runc (releases exec.fifo)
///     containerd ──Task/Wait───▶ shim   (answers when the reaper sees the container exit)
///     containerd ──Task/Delete─▶ shim ──exec runc delete──▶ runc
///     containerd ──Task/Exec {id, exec_id, spec}──▶ shim   (records the process)
///     containerd ──Task/Start {exec_id}──▶ shim ──exec runc exec --detach──▶ runc
///     containerd ──Task/Shutdown──▶ shim (exits)
public enum ShimService {
    public static let task = "containerd.task.v2.Task"
}

public struct ShimCreateTaskRequest: Codable, Sendable {
    public var id: String
    public var bundle: String
    public var rootfs: [MountMessage]
    public var terminal: Bool
    public var stdin: String
    public var stdout: String
    public var stderr: String
    /// The runtime's options as containerd's Tasks/Create received them; `root` is where runc
    /// keeps its state, nil for the shim's default.
    public var options: RuncOptions?
    public init(id: String, bundle: String, rootfs: [MountMessage] = [], terminal: Bool, stdin: String, stdout: String, stderr: String,
                options: RuncOptions? = nil) {
        self.id = id
        self.bundle = bundle
        self.rootfs = rootfs
        self.terminal = terminal
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.options = options
    }
}

public struct ShimPidResponse: Codable, Sendable {
    public var pid: UInt32
    public init(pid: UInt32) { self.pid = pid }
}

/// The request of Start, Wait, Delete, State, Pids: the container id (and exec id).
public struct ShimTaskRequest: Codable, Sendable {
    public var id: String
    public var exec_id: String?
    public init(id: String, exec_id: String? = nil) {
        self.id = id
        self.exec_id = exec_id
    }
}

public struct ShimWaitResponse: Codable, Sendable {
    public var exit_status: UInt32
    public var exited_at: String
    public init(exit_status: UInt32, exited_at: String) {
        self.exit_status = exit_status
        self.exited_at = exited_at
    }
}

public struct ShimDeleteResponse: Codable, Sendable {
    public var pid: UInt32
    public var exit_status: UInt32
    public var exited_at: String
    public init(pid: UInt32, exit_status: UInt32, exited_at: String) {
        self.pid = pid
        self.exit_status = exit_status
        self.exited_at = exited_at
    }
}

public struct ShimKillRequest: Codable, Sendable {
    public var id: String
    public var exec_id: String?
    public var signal: UInt32
    public var all: Bool
    public init(id: String, exec_id: String? = nil, signal: UInt32, all: Bool = false) {
        self.id = id
        self.exec_id = exec_id
        self.signal = signal
        self.all = all
    }
}

public struct ShimStateResponse: Codable, Sendable {
    public var id: String
    public var bundle: String
    public var pid: UInt32
    /// "created", "running", "stopped".
    public var status: String
    public var exit_status: UInt32?
    public var exited_at: String?
    public init(id: String, bundle: String, pid: UInt32, status: String, exit_status: UInt32? = nil, exited_at: String? = nil) {
        self.id = id
        self.bundle = bundle
        self.pid = pid
        self.status = status
        self.exit_status = exit_status
        self.exited_at = exited_at
    }
}

public struct ShimShutdownRequest: Codable, Sendable {
    public var id: String
    public var now: Bool
    public init(id: String, now: Bool = false) {
        self.id = id
        self.now = now
    }
}

/// Task/Exec (shim.proto ExecProcessRequest): a new process in the running container. `spec` is
/// the OCI process (runtime-spec `Process`) as JSON, as containerd passes it in a `typeurl.Any`.
public struct ShimExecProcessRequest: Codable, Sendable {
    public var id: String
    public var exec_id: String
    public var terminal: Bool
    public var stdin: String
    public var stdout: String
    public var stderr: String
    public var spec: JSONValueCodable
    public init(id: String, exec_id: String, terminal: Bool, stdin: String, stdout: String, stderr: String, spec: JSONValueCodable) {
        self.id = id
        self.exec_id = exec_id
        self.terminal = terminal
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.spec = spec
    }
}

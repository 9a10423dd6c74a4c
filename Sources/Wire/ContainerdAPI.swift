/// The messages of containerd's gRPC services that dockerd calls, with the protobuf field names
/// of containerd 1.6's api/services/{containers,tasks}/v1 (snake_case, as in the .proto files).
///
///     dockerd ──Containers/Create──▶ containerd     (metadata: id, image, runtime, OCI spec)
///     dockerd ──Tasks/Create───────▶ containerd ──exec containerd-shim start──▶ shim
///     dockerd ──Tasks/Start────────▶ containerd ──Task/Start──▶ shim ──runc start──▶ runc
///     dockerd ──Tasks/Wait─────────▶ containerd ──Task/Wait───▶ shim   (returns on exit)
///     dockerd ──Tasks/Delete───────▶ containerd ──Task/Delete─▶ shim ──runc delete──▶ runc
import Trace

/// Full service names, as they appear in the trace.
public enum ContainerdService {
    public static let containers = "containerd.services.containers.v1.Containers"
    public static let tasks = "containerd.services.tasks.v1.Tasks"
    public static let version = "containerd.services.version.v1.Version"
}

/// A mount as containerd's types.Mount.
public struct MountMessage: Codable, Sendable, Equatable {
    public var type: String
    public var source: String
    public var target: String?
    public var options: [String]
    public init(type: String, source: String, target: String? = nil, options: [String]) {
        self.type = type
        self.source = source
        self.target = target
        self.options = options
    }
}

public struct ContainerRecord: Codable, Sendable {
    public struct Runtime: Codable, Sendable {
        public var name: String
        public init(name: String) { self.name = name }
    }
    public var id: String
    public var labels: [String: String]?
    public var image: String
    public var runtime: Runtime
    /// The OCI runtime spec, as JSON (containerd carries it as a protobuf `Any`).
    public var spec: JSONValueCodable
    public var snapshotter: String?
    public var snapshot_key: String?
    public var created_at: String?

    public init(id: String, labels: [String: String]?, image: String, runtime: Runtime, spec: JSONValueCodable,
                snapshotter: String? = nil, snapshot_key: String? = nil, created_at: String? = nil) {
        self.id = id
        self.labels = labels
        self.image = image
        self.runtime = runtime
        self.spec = spec
        self.snapshotter = snapshotter
        self.snapshot_key = snapshot_key
        self.created_at = created_at
    }
}

public struct CreateContainerRequest: Codable, Sendable {
    public var container: ContainerRecord
    public init(container: ContainerRecord) { self.container = container }
}

public struct CreateContainerResponse: Codable, Sendable {
    public var container: ContainerRecord
    public init(container: ContainerRecord) { self.container = container }
}

public struct GetContainerRequest: Codable, Sendable {
    public var id: String
    public init(id: String) { self.id = id }
}

public struct DeleteContainerRequest: Codable, Sendable {
    public var id: String
    public init(id: String) { self.id = id }
}

public struct Empty: Codable, Sendable {
    public init() {}
}

public struct CreateTaskRequest: Codable, Sendable {
    public var container_id: String
    public var rootfs: [MountMessage]
    public var stdin: String
    public var stdout: String
    public var stderr: String
    public var terminal: Bool
    /// The runtime's options, passed to the shim unchanged (containerd's `options`, an `Any`);
    /// absent, the shim uses its defaults.
    public var options: RuncOptions?
    public init(container_id: String, rootfs: [MountMessage] = [], stdin: String, stdout: String, stderr: String, terminal: Bool,
                options: RuncOptions? = nil) {
        self.container_id = container_id
        self.rootfs = rootfs
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.terminal = terminal
        self.options = options
    }
}

public struct CreateTaskResponse: Codable, Sendable {
    public var container_id: String
    public var pid: UInt32
    public init(container_id: String, pid: UInt32) {
        self.container_id = container_id
        self.pid = pid
    }
}

public struct StartTaskRequest: Codable, Sendable {
    public var container_id: String
    public var exec_id: String?
    public init(container_id: String, exec_id: String? = nil) {
        self.container_id = container_id
        self.exec_id = exec_id
    }
}

public struct StartTaskResponse: Codable, Sendable {
    public var pid: UInt32
    public init(pid: UInt32) { self.pid = pid }
}

public struct WaitTaskRequest: Codable, Sendable {
    public var container_id: String
    public var exec_id: String?
    public init(container_id: String, exec_id: String? = nil) {
        self.container_id = container_id
        self.exec_id = exec_id
    }
}

public struct WaitTaskResponse: Codable, Sendable {
    public var exit_status: UInt32
    /// RFC 3339 with nanoseconds, as protobuf's Timestamp in JSON.
    public var exited_at: String
    public init(exit_status: UInt32, exited_at: String) {
        self.exit_status = exit_status
        self.exited_at = exited_at
    }
}

public struct DeleteTaskRequest: Codable, Sendable {
    public var container_id: String
    public init(container_id: String) { self.container_id = container_id }
}

public struct DeleteTaskResponse: Codable, Sendable {
    public var id: String
    public var pid: UInt32
    public var exit_status: UInt32
    public var exited_at: String
    public init(id: String, pid: UInt32, exit_status: UInt32, exited_at: String) {
        self.id = id
        self.pid = pid
        self.exit_status = exit_status
        self.exited_at = exited_at
    }
}

/// Tasks/Exec (containerd api/services/tasks/v1 ExecProcessRequest): a new process in the
/// task's container, described by `spec`, the OCI process as JSON (a `typeurl.Any` in
/// containerd), with the FIFOs dockerd made for its stdio.
public struct ExecProcessRequest: Codable, Sendable {
    public var container_id: String
    public var exec_id: String
    public var stdin: String
    public var stdout: String
    public var stderr: String
    public var terminal: Bool
    public var spec: JSONValueCodable
    public init(container_id: String, exec_id: String, stdin: String, stdout: String, stderr: String, terminal: Bool, spec: JSONValueCodable) {
        self.container_id = container_id
        self.exec_id = exec_id
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.terminal = terminal
        self.spec = spec
    }
}

/// Tasks/DeleteProcess: forgets an exited exec'd process; answered with a `DeleteTaskResponse`
/// whose `id` is the exec id.
public struct DeleteProcessRequest: Codable, Sendable {
    public var container_id: String
    public var exec_id: String
    public init(container_id: String, exec_id: String) {
        self.container_id = container_id
        self.exec_id = exec_id
    }
}

public struct KillTaskRequest: Codable, Sendable {
    public var container_id: String
    public var exec_id: String?
    public var signal: UInt32
    public var all: Bool
    public init(container_id: String, exec_id: String? = nil, signal: UInt32, all: Bool = false) {
        self.container_id = container_id
        self.exec_id = exec_id
        self.signal = signal
        self.all = all
    }
}

public struct GetTaskRequest: Codable, Sendable {
    public var container_id: String
    public init(container_id: String) { self.container_id = container_id }
}

/// containerd's task.Process: the status is one of "created", "running", "stopped", "paused".
public struct TaskProcess: Codable, Sendable {
    public var container_id: String
    public var pid: UInt32
    public var status: String
    public var exit_status: UInt32?
    public var exited_at: String?
    public init(container_id: String, pid: UInt32, status: String, exit_status: UInt32? = nil, exited_at: String? = nil) {
        self.container_id = container_id
        self.pid = pid
        self.status = status
        self.exit_status = exit_status
        self.exited_at = exited_at
    }
}

public struct GetTaskResponse: Codable, Sendable {
    public var process: TaskProcess
    public init(process: TaskProcess) { self.process = process }
}

public struct ListPidsRequest: Codable, Sendable {
    public var container_id: String
    public init(container_id: String) { self.container_id = container_id }
}

/// One pid of a task: containerd's process info message (api/types/task), named apart from
/// Foundation's type of the same name, which tests import alongside.
public struct TaskProcessInfo: Codable, Sendable {
    public var pid: UInt32
    public init(pid: UInt32) { self.pid = pid }
}

public struct ListPidsResponse: Codable, Sendable {
    public var processes: [TaskProcessInfo]
    public init(processes: [TaskProcessInfo]) { self.processes = processes }
}

extension ContainerRecord {
    /// Reads a record straight from parsed JSON. The OCI spec inside is kept as the JSON it is;
    /// going through Codable would rebuild it value by value (JSONDecoder has no way to ask a
    /// value's type but to try each), which made this the most expensive message of a
    /// container's lifecycle.
    public init(json: JSONValue) throws {
        func string(_ key: String) throws -> String {
            guard let value = json[key]?.stringValue else { throw WireError.malformed("container record: missing string field \"\(key)\"") }
            return value
        }
        var labels: [String: String]? = nil
        if case let .object(members)? = json["labels"] {
            labels = Dictionary(members.compactMap { key, value in value.stringValue.map { (key, $0) } }, uniquingKeysWith: { $1 })
        }
        guard let runtime = json["runtime"]?["name"]?.stringValue else {
            throw WireError.malformed("container record: missing runtime.name")
        }
        self.init(id: try string("id"), labels: labels, image: json["image"]?.stringValue ?? "",
                  runtime: Runtime(name: runtime), spec: JSONValueCodable(json["spec"] ?? .null),
                  snapshotter: json["snapshotter"]?.stringValue, snapshot_key: json["snapshot_key"]?.stringValue,
                  created_at: json["created_at"]?.stringValue)
    }
}

extension CreateContainerRequest {
    public init(json: JSONValue) throws {
        guard let container = json["container"] else { throw WireError.malformed("Containers/Create: missing field \"container\"") }
        self.init(container: try ContainerRecord(json: container))
    }
}

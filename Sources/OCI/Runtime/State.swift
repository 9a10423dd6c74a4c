/// What `runc state <id>` prints (runtime.md "State", plus the `rootfs`, `created` and `owner`
/// fields runc's `containerState` adds), as the shim reads it.
public struct State: Codable, Hashable, Sendable {
    public var ociVersion: String
    public var id: String
    /// The container process's pid in the runtime's pid namespace; 0 once stopped.
    public var pid: Int
    public var status: ContainerStatus
    public var bundle: String
    public var rootfs: String
    /// RFC 3339 with nanoseconds, as Go's `time.Time` marshals (`RFC3339.format`).
    public var created: String
    public var owner: String
    public var annotations: [String: String]?

    public init(
        ociVersion: String = Spec.version, id: String, pid: Int, status: ContainerStatus, bundle: String,
        rootfs: String, created: String, owner: String = "", annotations: [String: String]? = nil
    ) {
        self.ociVersion = ociVersion
        self.id = id
        self.pid = pid
        self.status = status
        self.bundle = bundle
        self.rootfs = rootfs
        self.created = created
        self.owner = owner
        self.annotations = annotations
    }

    public static func decode(_ bytes: [UInt8]) throws -> State { try OCIJSON.decode(State.self, from: bytes) }
    public func encoded() -> [UInt8] { OCIJSON.encode(self) }
}

/// The container lifecycle states of runtime.md, plus runc's `paused`.
public enum ContainerStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case creating, created, running, stopped, paused

    /// Every legal transition in one place, as runc's libcontainer/state_linux.go checks them
    /// (`stateTransition`): create finishes, start runs, the process exits or is killed,
    /// pause and resume.
    public func canTransition(to next: ContainerStatus) -> Bool {
        switch (self, next) {
        case (.creating, .created), (.creating, .stopped): return true
        case (.created, .running), (.created, .stopped): return true
        case (.running, .stopped), (.running, .paused): return true
        case (.paused, .running), (.paused, .stopped): return true
        default: return false
        }
    }
}

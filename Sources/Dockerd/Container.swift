import KernelInterface
import Trace
import Wire

/// A container as dockerd keeps it (moby's container.Container): its configuration, its
/// state, and what is attached to its output. Guarded by the daemon's lock.
final class Container: @unchecked Sendable {
    /// Docker's container states, with the legal moves in one place (moby container/state.go).
    enum Status: String {
        case created, running, exited, removing, dead

        func canMove(to next: Status) -> Bool {
            switch (self, next) {
            case (.created, .running), (.exited, .running): return true
            case (.running, .exited): return true
            case (.created, .exited): return true  // a start that failed
            case (.created, .removing), (.exited, .removing), (.running, .removing): return true
            case (.removing, .dead), (.removing, .exited), (.removing, .created): return true
            case (.dead, .removing): return true  // `docker rm` again after a removal failed
            default: return false
            }
        }
    }

    let id: String
    var name: String
    let created: Int64
    let config: ContainerConfig
    /// `config` as JSON, made once: every checkpoint of config.v2.json writes it.
    private var configDocumentCache: JSONValue?
    let hostConfig: HostConfig
    /// The host config as the client sent it, so inspect shows back every field it gave.
    let hostConfigJSON: JSONValue
    /// The image's id (its config digest) and the reference it was created from.
    let imageID: String
    let imageReference: String
    /// Bottom-first layer directories the rootfs is made of.
    let layerDirectories: [String]

    private(set) var status: Status = .created
    var pid: Int32 = 0
    var exitCode: Int32 = 0
    var error = ""
    var startedAt: Int64 = 0
    var finishedAt: Int64 = 0
    /// Counts exits, so that `wait?condition=next-exit` can wait for the next one.
    var exitCount = 0
    /// Counts runs whose output has been fully delivered, so attach can wait for it.
    var outputEpoch = 0
    /// Counts starts that failed before the program ran, which also release attached clients.
    var startFailures = 0
    var removed = false
    /// Counts writes to the json-file log, so `logs --follow` can wait for more.
    var logWrites = 0
    /// Set while `stop`, `kill` or `restart` is bringing the container down.
    var stopping = false
    /// Attached clients, written to by the output copiers.
    var attached: [AttachedStream] = []
    /// The running process's stdin FIFO when the container has `OpenStdin` (ContainerStdin.swift).
    var stdin: ContainerStdin?
    /// The execs running in it, oldest first (inspect's `ExecIDs`).
    var execIDs: [String] = []
    /// Serializes the writes of its files on disk (ContainerFiles+State.swift), as moby writes
    /// config.v2.json holding the container's own lock, not the daemon's.
    let diskLock: KernelLock

    /// A new container is `created`; one read back from disk at the daemon's start
    /// (ContainerFiles+Load.swift) comes back in the state it was recorded in.
    init(id: String, name: String, created: Int64, config: ContainerConfig, hostConfig: HostConfig, hostConfigJSON: JSONValue,
         imageID: String, imageReference: String, layerDirectories: [String], diskLock: KernelLock, status: Status = .created) {
        self.id = id
        self.name = name
        self.created = created
        self.config = config
        self.hostConfig = hostConfig
        self.hostConfigJSON = hostConfigJSON
        self.imageID = imageID
        self.imageReference = imageReference
        self.layerDirectories = layerDirectories
        self.diskLock = diskLock
        self.status = status
    }

    /// Moves to `next`; an illegal move is a bug in dockerd, and traps with both states.
    func move(to next: Status) {
        precondition(status.canMove(to: next), "container \(id): illegal state change \(status) → \(next)")
        status = next
    }

    /// `config` as JSON (the document's `Config`). Call holding the daemon's lock.
    func configDocument() throws -> JSONValue {
        if let configDocumentCache { return configDocumentCache }
        let document = try JSONCoding.value(config)
        configDocumentCache = document
        return document
    }

    var shortID: String { String(id.prefix(12)) }
    var autoRemove: Bool { hostConfig.AutoRemove ?? false }
}

import KernelInterface
import Trace
import Wire

/// dockerd's state: containers by id and name, the image store, and where containerd and the
/// registry are. One lock guards it; its condition wakes everyone who waits for a container
/// to change (wait, attach, the start of a removal).
final class Daemon: @unchecked Sendable {
    let options: DaemonOptions
    let lock: KernelLock
    let images: ImageStore
    var containers: [String: Container] = [:]
    var names: [String: String] = [:]
    /// Every exec by id, kept after it ended for inspect (moby's execCommands store).
    var execs: [String: ExecInstance] = [:]
    /// Monitor threads still handling a run of a container (ContainerLifecycle.monitor): the
    /// shutdown waits for them, so an exit is recorded on disk before dockerd exits.
    var monitors = 0
    /// The trash collector's thread runs; something was put in the trash since it last looked
    /// (Daemon+Trash.swift).
    var trashCollecting = false
    var trashAdded = false
    let events = EventLog()
    var containerdAddress: SocketAddress
    var registryAddress: SocketAddress

    init(options: DaemonOptions, kernel: Kernel, containerd: SocketAddress, registry: SocketAddress) {
        self.options = options
        self.lock = kernel.makeLock()
        self.images = ImageStore(root: options.dataRoot + "/image", layerRoot: options.dataRoot + "/overlay2")
        self.containerdAddress = containerd
        self.registryAddress = registry
    }

    var containersRoot: String { options.dataRoot + "/containers" }
    func containerDirectory(_ id: String) -> String { containersRoot + "/" + id }
    func layerDirectory(_ id: String) -> String { options.dataRoot + "/overlay2/" + id }
    func fifoDirectory(_ id: String) -> String { options.execRoot + "/containerd/" + id }

    /// Finds a container by full id, name (with or without the leading slash) or unique id
    /// prefix, as moby's GetContainer does. Call holding the lock.
    func lookup(_ reference: String) throws -> Container {
        if let container = containers[reference] { return container }
        let name = reference.hasPrefix("/") ? String(reference.dropFirst()) : reference
        if let id = names[name], let container = containers[id] { return container }
        let matches = containers.keys.filter { $0.hasPrefix(reference) }
        if matches.count == 1, let container = containers[matches[0]] { return container }
        if matches.count > 1 { throw DaemonError(.invalidParameter, "multiple IDs found with provided prefix: \(reference)") }
        throw DaemonError.noSuchContainer(reference)
    }

    /// Waits on the daemon's condition until `ready` holds. Call holding the lock. Throws only
    /// when dockerd itself is dying (in the simulator), to unwind the waiting thread.
    func wait(until ready: () -> Bool) throws {
        while !ready() { try lock.wait() }
    }

    /// A connection to containerd for one exchange (a blocking Wait gets its own).
    func containerd(_ kernel: Kernel) throws -> RPCClient {
        do {
            return try RPCClient.connect(kernel: kernel, address: containerdAddress)
        } catch {
            throw DaemonError(.unavailable, "containerd is not reachable at \(containerdAddress): \(error)")
        }
    }
}

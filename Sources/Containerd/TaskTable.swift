import KernelInterface
import Trace
import Wire

/// A running task: the shim that serves it and containerd's connection to that shim.
///
/// The connection is one descriptor of the process, used by whichever thread is serving a
/// request: each call wraps it in an `RPCClient` bound to the calling thread's kernel handle (a
/// `Kernel` belongs to one thread), and calls on it are serialized, as ttrpc's client queues
/// them. A blocking `Wait` dials a connection of its own so that it holds nothing up.
final class ShimTask: @unchecked Sendable {
    let id: String
    let bundle: String
    /// `unix:///run/glassbox/containerd/s/<hash>`, as the shim printed it.
    let address: SocketAddress
    let connection: FileDescriptor
    private let lock: KernelLock

    init(id: String, bundle: String, address: SocketAddress, connection: FileDescriptor, lock: KernelLock) {
        self.id = id
        self.bundle = bundle
        self.address = address
        self.connection = connection
        self.lock = lock
    }

    /// Calls `containerd.task.v2.Task/<method>` on the task's connection.
    func call<Request: Encodable, Response: Decodable>(kernel: Kernel, _ method: ShimMethod, _ request: Request, as type: Response.Type) throws -> Response {
        try lock.withLock {
            try RPCClient(kernel: kernel, fd: connection).call(ShimService.task, method.rawValue, request, as: type)
        }
    }

    /// Calls on a connection dialled for this call alone (for `Wait`, which blocks until exit).
    func callOnOwnConnection<Request: Encodable, Response: Decodable>(kernel: Kernel, _ method: ShimMethod, _ request: Request, as type: Response.Type) throws -> Response {
        let client = try RPCClient.connect(kernel: kernel, address: address)
        defer { client.close() }
        return try client.call(ShimService.task, method.rawValue, request, as: type)
    }
}

/// The tasks containerd knows, in memory, as containerd's runtime v2 TaskManager keeps them in
/// its task list; a restarted containerd finds them again from their bundles
/// (Containerd+Load.swift).
final class TaskTable: @unchecked Sendable {
    private let lock: KernelLock
    private var tasks: [String: ShimTask] = [:]
    /// Ids whose Tasks/Create is under way.
    private var reserved: Set<String> = []

    init(lock: KernelLock) {
        self.lock = lock
    }

    /// Claims `id` for a Create; `task <id>: already exists` when it has a task or one is being made.
    func reserve(_ id: String) throws {
        try lock.withLock {
            guard tasks[id] == nil, !reserved.contains(id) else { throw ContainerdError(.alreadyExists, "task \(id)") }
            reserved.insert(id)
        }
    }

    func release(_ id: String) {
        lock.withLock { _ = reserved.remove(id) }
    }

    func insert(_ task: ShimTask) {
        lock.withLock {
            reserved.remove(task.id)
            tasks[task.id] = task
        }
    }

    /// The task of `id`; `task <id> not found` (containerd's tasks service words) when there is none.
    func get(_ id: String) throws -> ShimTask {
        try lock.withLock {
            guard let task = tasks[id] else { throw ContainerdError(.notFound, "task \(id) not found") }
            return task
        }
    }

    func remove(_ id: String) {
        lock.withLock { _ = tasks.removeValue(forKey: id) }
    }
}

import KernelInterface
import Trace
import Wire

/// The daemon's state and its request dispatch: container metadata in files, tasks in memory.
final class Containerd: @unchecked Sendable {
    let options: ContainerdOptions
    /// containerd's environment, passed to the shims it starts (with the trace variables).
    let environment: [String]
    let metadata: MetadataStore
    let tasks: TaskTable

    init(options: ContainerdOptions, environment: [String], lock: KernelLock) {
        self.options = options
        self.environment = environment
        metadata = MetadataStore(root: options.root, namespace: ContainerdOptions.namespace, lock: lock)
        tasks = TaskTable(lock: lock)
    }

    func handle(_ call: RPCCall) throws -> JSONValue {
        guard let service = ServiceName(rawValue: call.service) else {
            throw RPCError(.unimplemented, "unknown service \(call.service)")
        }
        do {
            switch service {
            case .containers: return try handleContainers(call)
            case .tasks: return try handleTasks(call)
            case .version:
                return try JSONCoding.value(VersionResponse(version: "v1.6.20-glassbox", revision: "glassbox"))
            }
        } catch {
            throw ContainerdError.rpcError(error)
        }
    }

    private func handleContainers(_ call: RPCCall) throws -> JSONValue {
        guard let method = ContainersMethod(rawValue: call.method) else {
            throw RPCError(.unimplemented, "\(call.service)/\(call.method) is not implemented")
        }
        let kernel = call.kernel
        switch method {
        case .create:
            let request: CreateContainerRequest
            do { request = try CreateContainerRequest(json: call.payload) } catch {
                throw RPCError(.invalidArgument, "\(call.service)/\(call.method): \(error)")
            }
            return try JSONCoding.value(CreateContainerResponse(container: metadata.create(kernel: kernel, request.container)))
        case .get:
            let request = try call.decode(GetContainerRequest.self)
            return try JSONCoding.value(GetContainerResponse(container: metadata.get(kernel: kernel, request.id)))
        case .list:
            _ = try call.decode(ListContainersRequest.self)
            return try JSONCoding.value(ListContainersResponse(containers: metadata.list(kernel: kernel)))
        case .delete:
            let request = try call.decode(DeleteContainerRequest.self)
            try metadata.delete(kernel: kernel, request.id)
            return try JSONCoding.value(Empty())
        }
    }

    private func handleTasks(_ call: RPCCall) throws -> JSONValue {
        guard let method = TasksMethod(rawValue: call.method) else {
            throw RPCError(.unimplemented, "\(call.service)/\(call.method) is not implemented")
        }
        switch method {
        case .create: return try JSONCoding.value(createTask(call))
        case .start: return try JSONCoding.value(startTask(call))
        case .wait: return try JSONCoding.value(waitTask(call))
        case .delete: return try JSONCoding.value(deleteTask(call))
        case .kill: return try JSONCoding.value(killTask(call))
        case .get: return try JSONCoding.value(getTask(call))
        case .listPids: return try JSONCoding.value(listPids(call))
        case .exec: return try JSONCoding.value(execProcess(call))
        case .deleteProcess: return try JSONCoding.value(deleteProcess(call))
        case .resizePty: return try JSONCoding.value(resizePty(call))
        }
    }
}

import KernelInterface
import Wire

extension Containerd {
    /// Tasks/Create: bundle, shim, then the shim's Task/Create, which gets the request's runtime
    /// options unchanged (containerd's tasks service hands `options` to the runtime v2 task
    /// manager, which puts them in the shim's CreateTaskRequest). A failure leaves nothing
    /// behind: the shim is shut down, its socket and the bundle removed.
    func createTask(_ call: RPCCall) throws -> CreateTaskResponse {
        let request = try call.decode(CreateTaskRequest.self)
        let kernel = call.kernel
        let record = try metadata.get(kernel: kernel, request.container_id)
        try tasks.reserve(record.id)
        var created = false
        defer { if !created { tasks.release(record.id) } }
        let launcher = ShimLauncher(options: options, environment: environment)
        let bundle = try launcher.createBundle(kernel: kernel, record)
        let address: SocketAddress
        do {
            address = try launcher.startShim(kernel: kernel, id: record.id, bundle: bundle)
        } catch {
            try? kernel.removeAll(bundle)
            throw error
        }
        let connection: FileDescriptor
        do {
            connection = try dial(kernel: kernel, address)
        } catch {
            if case let .unix(path) = address { try? kernel.unlink(path) }
            try? kernel.removeAll(bundle)
            throw error
        }
        let task = ShimTask(id: record.id, bundle: bundle, address: address, connection: connection, lock: kernel.makeLock())
        let shimRequest = ShimCreateTaskRequest(id: record.id, bundle: bundle, rootfs: request.rootfs, terminal: request.terminal,
                                                stdin: request.stdin, stdout: request.stdout, stderr: request.stderr,
                                                options: request.options)
        let answer: ShimPidResponse
        do {
            answer = try task.call(kernel: kernel, .create, shimRequest, as: ShimPidResponse.self)
        } catch let error as RPCError {
            dispose(kernel: kernel, task)
            throw ContainerdError(fromRPC: error, prefix: "failed to create shim task", stage: "tasks/create")
        }
        tasks.insert(task)
        created = true
        return CreateTaskResponse(container_id: record.id, pid: answer.pid)
    }

    /// Tasks/Start: the shim's Task/Start (`runc start`).
    func startTask(_ call: RPCCall) throws -> StartTaskResponse {
        let request = try call.decode(StartTaskRequest.self)
        let task = try tasks.get(request.container_id)
        let answer = try forward(call, task, .start, ShimTaskRequest(id: task.id, exec_id: request.exec_id), as: ShimPidResponse.self)
        return StartTaskResponse(pid: answer.pid)
    }

    /// Tasks/Wait: blocks, on a connection of its own to the shim, until the task exits.
    func waitTask(_ call: RPCCall) throws -> WaitTaskResponse {
        let request = try call.decode(WaitTaskRequest.self)
        let task = try tasks.get(request.container_id)
        let answer: ShimWaitResponse
        do {
            answer = try task.callOnOwnConnection(kernel: call.kernel, .wait, ShimTaskRequest(id: task.id, exec_id: request.exec_id), as: ShimWaitResponse.self)
        } catch let error as RPCError {
            throw ContainerdError(fromRPC: error, prefix: "", stage: "tasks/wait")
        } catch let error as Errno {
            throw ContainerdError(.unavailable, "failed to connect to shim \(task.address): \(error.message)", stage: "tasks/wait")
        }
        return WaitTaskResponse(exit_status: answer.exit_status, exited_at: answer.exited_at)
    }

    /// Tasks/Delete: the shim's Task/Delete (`runc delete`), then Shutdown, then the bundle goes.
    func deleteTask(_ call: RPCCall) throws -> DeleteTaskResponse {
        let request = try call.decode(DeleteTaskRequest.self)
        let task = try tasks.get(request.container_id)
        let answer = try forward(call, task, .delete, ShimTaskRequest(id: task.id), as: ShimDeleteResponse.self)
        tasks.remove(task.id)
        dispose(kernel: call.kernel, task)
        return DeleteTaskResponse(id: task.id, pid: answer.pid, exit_status: answer.exit_status, exited_at: answer.exited_at)
    }

    /// Tasks/Kill: the shim's Task/Kill (`runc kill`).
    func killTask(_ call: RPCCall) throws -> Empty {
        let request = try call.decode(KillTaskRequest.self)
        let task = try tasks.get(request.container_id)
        let shimRequest = ShimKillRequest(id: task.id, exec_id: request.exec_id, signal: request.signal, all: request.all)
        return try forward(call, task, .kill, shimRequest, as: Empty.self)
    }

    /// Tasks/Get: the shim's Task/State as containerd's task.Process.
    func getTask(_ call: RPCCall) throws -> GetTaskResponse {
        let request = try call.decode(GetTaskRequest.self)
        let task = try tasks.get(request.container_id)
        let state = try forward(call, task, .state, ShimTaskRequest(id: task.id), as: ShimStateResponse.self)
        return GetTaskResponse(process: TaskProcess(container_id: task.id, pid: state.pid, status: state.status,
                                                    exit_status: state.exit_status, exited_at: state.exited_at))
    }

    /// Tasks/ListPids: the shim's Task/Pids.
    func listPids(_ call: RPCCall) throws -> ListPidsResponse {
        let request = try call.decode(ListPidsRequest.self)
        let task = try tasks.get(request.container_id)
        return try forward(call, task, .pids, ShimTaskRequest(id: task.id), as: ListPidsResponse.self)
    }

    /// Calls the shim; its error keeps its class and words (errdefs.FromGRPC).
    func forward<Request: Encodable, Response: Decodable>(_ call: RPCCall, _ task: ShimTask, _ method: ShimMethod, _ request: Request, as type: Response.Type) throws -> Response {
        do {
            return try task.call(kernel: call.kernel, method, request, as: type)
        } catch let error as RPCError {
            throw ContainerdError(fromRPC: error, prefix: "", stage: "shim \(method.rawValue)")
        } catch let error as Errno {
            throw ContainerdError(.unavailable, "shim \(task.address): \(error.message)", stage: "shim \(method.rawValue)")
        }
    }

    /// Asks the shim to exit and removes what the task left: the connection, the shim's socket
    /// (the shim removes it too; whichever comes second finds it gone) and the bundle.
    func dispose(kernel: Kernel, _ task: ShimTask) {
        // The shim may close the connection as it exits, before or after its answer arrives.
        _ = try? task.call(kernel: kernel, .shutdown, ShimShutdownRequest(id: task.id), as: Empty.self)
        try? kernel.close(task.connection)
        if case let .unix(path) = task.address { try? kernel.unlink(path) }
        removeBundle(task.bundle, kernel: kernel)
    }

    /// runtime/v2/bundle.go's `atomicDelete`: the bundle is renamed to a hidden `.<id>` next to
    /// it, so its name is free at once, and removed from there, here on a thread of its own so
    /// that Tasks/Delete answers without waiting for a dozen unlinks (containerd removes it
    /// before answering). What a containerd that died left hidden is removed when the next one
    /// loads its tasks. When the rename fails (a hidden one still being removed), the bundle is
    /// removed in place.
    func removeBundle(_ bundle: String, kernel: Kernel) {
        guard let slash = bundle.lastIndex(of: "/") else { return }
        let hidden = String(bundle[...slash]) + "." + String(bundle[bundle.index(after: slash)...])
        guard (try? kernel.rename(bundle, hidden)) != nil else {
            try? kernel.removeAll(bundle)
            return
        }
        do {
            try kernel.spawnThread(name: "bundle-delete") { threadKernel in try? threadKernel.removeAll(hidden) }
        } catch {
            try? kernel.removeAll(hidden)
        }
    }

    func dial(kernel: Kernel, _ address: SocketAddress) throws -> FileDescriptor {
        let fd = try kernel.socket(address.domain, .stream, closeOnExec: true)
        do {
            try kernel.connect(fd, address)
        } catch let error as Errno {
            try? kernel.close(fd)
            throw ContainerdError(.unavailable, "failed to connect to shim \(address): \(error.message)", stage: "tasks/create/connect")
        }
        return fd
    }
}

import KernelInterface
import Wire

extension Containerd {
    /// Tasks/ResizePty (services/tasks/local.go `ResizePty`): the shim's Task/ResizePty for the
    /// task's init, or for one of its exec'd processes when `exec_id` names one.
    ///
    ///     dockerd ──Tasks/ResizePty {container_id, exec_id, width, height}──▶ containerd ──Task/ResizePty──▶ shim
    func resizePty(_ call: RPCCall) throws -> Empty {
        let request = try call.decode(ResizePtyRequest.self)
        let task = try tasks.get(request.container_id)
        let shimRequest = ShimResizePtyRequest(id: task.id, exec_id: request.exec_id, width: request.width, height: request.height)
        return try forward(call, task, .resizePty, shimRequest, as: Empty.self)
    }
}

import KernelInterface
import Wire

/// Exec'd processes, as containerd's tasks service passes them to the task's shim
/// (services/tasks/local.go `Exec`, `DeleteProcess`; Start, Wait and Kill carry the exec id
/// through the task's own methods in Containerd+Tasks.swift):
///
///     dockerd ──Tasks/Exec {container_id, exec_id, spec}──▶ containerd ──Task/Exec──▶ shim
///     dockerd ──Tasks/Start {exec_id}──────────────────────▶ containerd ──Task/Start─▶ shim ─▶ runc exec
///     dockerd ──Tasks/Wait {exec_id}───────────────────────▶ containerd ──Task/Wait──▶ shim
///     dockerd ──Tasks/DeleteProcess {exec_id}──────────────▶ containerd ──Task/Delete▶ shim
extension Containerd {
    /// Tasks/Exec: the shim's Task/Exec. An empty exec id is refused, as containerd's
    /// `identifiers.Validate` does.
    func execProcess(_ call: RPCCall) throws -> Empty {
        let request = try call.decode(ExecProcessRequest.self)
        guard !request.exec_id.isEmpty else {
            throw ContainerdError(.invalidArgument, "identifier must not be empty", stage: "tasks/exec")
        }
        let task = try tasks.get(request.container_id)
        let shimRequest = ShimExecProcessRequest(id: task.id, exec_id: request.exec_id, terminal: request.terminal,
                                                 stdin: request.stdin, stdout: request.stdout, stderr: request.stderr, spec: request.spec)
        return try forward(call, task, .exec, shimRequest, as: Empty.self)
    }

    /// Tasks/DeleteProcess: the shim's Task/Delete with the exec id.
    func deleteProcess(_ call: RPCCall) throws -> DeleteTaskResponse {
        let request = try call.decode(DeleteProcessRequest.self)
        let task = try tasks.get(request.container_id)
        let answer = try forward(call, task, .delete, ShimTaskRequest(id: task.id, exec_id: request.exec_id), as: ShimDeleteResponse.self)
        return DeleteTaskResponse(id: request.exec_id, pid: answer.pid, exit_status: answer.exit_status, exited_at: answer.exited_at)
    }
}

import KernelInterface
import Wire

/// One process added to the container with Task/Exec (containerd's pkg/process/exec.go
/// `execProcess`): its OCI process written to a file for `runc exec --process`, its stdio,
/// and, once started, its pid and its lifecycle (the init's states: created, running,
/// stopped). Guarded by the task service's lock.
final class ExecProcess: @unchecked Sendable {
    let id: String
    let request: ShimExecProcessRequest
    /// `<bundle>/<exec_id>-process.json`, the file `runc exec --process` reads.
    let processFile: String
    /// `<bundle>/<exec_id>.pid`, where `runc exec --pid-file` writes the pid.
    let pidFile: String
    var pid: ProcessID?
    var io: TaskIO?
    var state: InitState = .created

    init(id: String, request: ShimExecProcessRequest, bundle: String) {
        self.id = id
        self.request = request
        self.processFile = joinPath(bundle, "\(id)-process.json")
        self.pidFile = joinPath(bundle, "\(id).pid")
    }
}

extension ShimTaskRequest {
    /// The exec id when the request names an exec'd process rather than the init.
    var execID: String? { exec_id.flatMap { $0.isEmpty ? nil : $0 } }
}

import KernelInterface
import OCI
import Trace
import Wire

/// Runs one exec through containerd and follows it to its end (moby daemon/exec.go
/// `ContainerExecStart` and the exit handling of daemon/monitor.go):
///
///     dockerd ──Tasks/Exec {exec_id, spec: the OCI process}──▶ containerd ─▶ shim
///     dockerd ──Tasks/Start {exec_id}────────────────────────▶ containerd ─▶ shim ─▶ runc exec
///     dockerd ──Tasks/Wait {exec_id}─────────────────────────▶ …answered at the exit
///     dockerd ──Tasks/DeleteProcess {exec_id}────────────────▶ containerd ─▶ shim
///
/// Events: `exec_start: <cmd>` before the process starts, `exec_die` with its exit code.
struct ExecRunner: Sendable {
    let daemon: Daemon
    let exec: ExecInstance
    let container: Container

    /// The exec's OCI process: the container's own (its env, user, cwd, capabilities) with the
    /// exec's command, environment, working directory and user laid over, as moby builds it
    /// from the container's spec.
    func process() throws -> Spec.Process {
        let builder = SpecBuilder(daemon: daemon)
        guard var process = try builder.spec(for: container, rootfs: "").process else {
            throw DaemonError(.system, "the container's spec has no process")
        }
        process.args = exec.config.Cmd
        process.terminal = exec.tty
        process.env = ExecRunner.replaceOrAppend(process.env ?? [], exec.config.Env ?? [])
        if let directory = exec.config.WorkingDir, !directory.isEmpty { process.cwd = directory }
        if let user = exec.config.User, !user.isEmpty {
            let (uid, gid) = try builder.user(user)
            process.user = Spec.User(uid: uid, gid: gid, additionalGids: [gid])
        }
        return process
    }

    /// Tasks/Exec then Tasks/Start; answers the process's pid.
    func launch(output: ExecOutput?, stdin: ContainerStdin? = nil, kernel: Kernel) throws -> Int32 {
        let spec = try JSONCoding.value(try process())
        daemon.record("exec_start: " + exec.commandLine, container: container, kernel: kernel, extra: ["execID": exec.id])
        let client = try daemon.containerd(kernel)
        defer { client.close() }
        _ = try client.call(ContainerdService.tasks, "Exec", ExecProcessRequest(
            container_id: container.id, exec_id: exec.id, stdin: stdin?.path ?? "", stdout: output?.stdoutPath ?? "",
            stderr: output?.stderrPath ?? "", terminal: exec.tty, spec: JSONValueCodable(spec)
        ), as: Empty.self)
        let started: StartTaskResponse
        do {
            started = try client.call(ContainerdService.tasks, "Start", StartTaskRequest(container_id: container.id, exec_id: exec.id),
                                      as: StartTaskResponse.self)
        } catch {
            _ = try? client.call(ContainerdService.tasks, "DeleteProcess", DeleteProcessRequest(container_id: container.id, exec_id: exec.id),
                                 as: DeleteTaskResponse.self)
            throw error
        }
        let pid = Int32(bitPattern: started.pid)
        daemon.lock.withLock {
            exec.pid = pid
            daemon.lock.broadcast()  // a resize waits for the process to have started
        }
        return pid
    }

    /// A start that failed: the exec ends with 127 when the program was not found, else 126
    /// (moby's translateContainerdStartErr), and leaves the container's exec list.
    func failed(_ error: Error, kernel: Kernel) {
        let message = DaemonError.fromRuntime(error).message
        let code: Int32 = message.contains("executable file not found") || message.contains("no such file or directory") ? 127 : 126
        finish(code: code, kernel: kernel)
    }

    /// Waits for the exit (Tasks/Wait on a connection of its own), lets the output drain,
    /// forgets the process in containerd, and records the exit.
    func monitor(output: ExecOutput?, kernel: Kernel) {
        var status: Int32 = 255
        if let client = try? daemon.containerd(kernel) {
            if let answer = try? client.call(ContainerdService.tasks, "Wait", WaitTaskRequest(container_id: container.id, exec_id: exec.id),
                                             as: WaitTaskResponse.self) {
                status = Int32(bitPattern: answer.exit_status)
            }
            output?.waitUntilDrained()
            _ = try? client.call(ContainerdService.tasks, "DeleteProcess", DeleteProcessRequest(container_id: container.id, exec_id: exec.id),
                                 as: DeleteTaskResponse.self)
            client.close()
        }
        output?.finish(kernel: kernel)
        finish(code: status, kernel: kernel)
        daemon.record("exec_die", container: container, kernel: kernel, extra: ["execID": exec.id, "exitCode": String(status)],
                      trace: [("exitCode", .int(Int64(status)))])
    }

    private func finish(code: Int32, kernel: Kernel) {
        let now = kernel.clockGettime(.monotonic)
        daemon.lock.withLock {
            exec.exitCode = code
            exec.endedAt = now
            exec.running = false
            container.execIDs.removeAll { $0 == exec.id }
            daemon.lock.broadcast()
        }
    }

    /// moby's `ReplaceOrAppendEnvValues`: a `K=V` of the exec replaces the container's `K`.
    static func replaceOrAppend(_ defaults: [String], _ overrides: [String]) -> [String] {
        var result = defaults
        for entry in overrides {
            let key = entry.split(separator: "=", maxSplits: 1).first.map(String.init) ?? entry
            if let index = result.firstIndex(where: { ($0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? $0) == key }) {
                result[index] = entry
            } else {
                result.append(entry)
            }
        }
        return result
    }
}

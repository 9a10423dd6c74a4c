import KernelInterface
import Wire

/// One `docker exec` as dockerd keeps it (moby daemon/exec/exec.go `Config`): what to run, in
/// which container, and how it ended. The daemon keeps it for five minutes after the process
/// ended so that `GET /exec/{id}/json` can still answer (`Daemon.pruneExecs`); the container
/// lists it (`ExecIDs`) only while it runs. Guarded by the daemon's lock.
final class ExecInstance: @unchecked Sendable {
    let id: String
    let containerID: String
    let config: ExecConfig
    /// The program and its arguments (moby splits Cmd so: `entrypoint`, `arguments`).
    var entrypoint: String { config.Cmd?.first ?? "" }
    var arguments: [String] { Array((config.Cmd ?? []).dropFirst()) }
    var running = false
    /// Set once `POST /exec/{id}/start` was accepted: an exec runs only once.
    var started = false
    var exitCode: Int32?
    /// When its process ended (the monotonic clock), for `pruneExecs`.
    var endedAt: Int64?
    var pid: Int32 = 0

    init(id: String, containerID: String, config: ExecConfig) {
        self.id = id
        self.containerID = containerID
        self.config = config
    }

    /// `exec_create: sh -c exit 3`, the event's action as moby writes it.
    /// `docker exec -t`: the process gets a terminal and one raw output stream.
    var tty: Bool { config.Tty ?? false }

    var commandLine: String { ([entrypoint] + arguments).joined(separator: " ") }

    func inspect() -> ExecInspectResponse {
        ExecInspectResponse(
            ID: id, Running: running, ExitCode: exitCode.map(Int.init),
            ProcessConfig: .init(tty: config.Tty ?? false, entrypoint: entrypoint, arguments: arguments,
                                 privileged: config.Privileged ?? false, user: config.User ?? ""),
            OpenStdin: config.AttachStdin ?? false, OpenStderr: config.AttachStderr ?? false,
            OpenStdout: config.AttachStdout ?? false, CanRemove: !running && started, ContainerID: containerID,
            DetachKeys: config.DetachKeys ?? "", Pid: Int(pid)
        )
    }
}

extension Daemon {
    /// The exec of `id` (full id only, as moby's execStore); `No such exec instance`.
    func execInstance(_ id: String) throws -> ExecInstance {
        try lock.withLock {
            guard let exec = execs[id] else { throw DaemonError(.notFound, "No such exec instance: \(id)") }
            return exec
        }
    }

    /// How long a finished exec stays inspectable. moby's `execCommandGC` ticks every 5 minutes,
    /// marks the execs no container lists any more and drops the marked ones at the next tick:
    /// an exec is gone 5 to 10 minutes after its end.
    static let execRetentionNanoseconds: Int64 = 5 * 60 * 1_000_000_000

    /// Drops the records of execs that ended more than `execRetentionNanoseconds` ago, so a
    /// long-running dockerd does not keep every exec it ever ran (health checks run one every
    /// few seconds). Done when an exec is created or looked up, which moby's ticker thread does
    /// on a clock of its own; an exec never started stays, as in moby, until its container goes.
    func pruneExecs(kernel: Kernel) {
        let now = kernel.clockGettime(.monotonic)
        lock.withLock {
            execs = execs.filter { _, exec in
                guard let endedAt = exec.endedAt else { return true }
                return now - endedAt < Daemon.execRetentionNanoseconds
            }
        }
    }
}

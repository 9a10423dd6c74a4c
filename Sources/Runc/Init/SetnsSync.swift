import KernelInterface
import OCI

// The sync socket of `runc exec`, as libcontainer's setnsProcess and nsexec.c use theirs. Joining
// a pid namespace (setns(2)) changes only the pid namespace of the caller's later children, so
// the process that finally execs is a child made after that setns: two `runc init` stages.
//
//   runc exec                       runc init (stage 1)               runc init (stage 2)
//   ─────────                       ───────────────────               ───────────────────
//   spawn stage 1 (fd 3 = socket)
//   ExecInitConfig ───────────────▶ setns /proc/<init>/ns/pid
//                                   spawn stage 2 (inherits fd 3) ──▶ (born in the container's
//              ◀────────────────── {"type":"procPid","pid":N}          pid namespace)
//   wait4(stage 1)                  exit 0
//   N → the container's cgroup
//   ExecInitConfig ─────────────────────────────────────────────────▶ setns ipc, uts, net,
//                                                                      cgroup, mnt; no_new_privs,
//                                                                      user, capabilities,
//                                                                      rlimits, cwd, lookPath
//              ◀──────────────────────────────────────────────────── {"type":"procReady"} or
//                                                                      {"type":"procError",…}
//   read until EOF ◀──────────────────────────────────────────────── close fd 3; execve
//   --pid-file N; --detach: exit 0, else wait4(N) (this process is a subreaper: stage 2 is
//   reparented to it when stage 1 exits) and exit with its status

/// One message from a stage to `runc exec`.
struct SetnsMessage: Codable, Equatable, Sendable {
    enum Kind: String, Codable, Sendable {
        /// Stage 1 started stage 2 inside the container's pid namespace; `pid` is its pid as
        /// runc sees it (the host's pid namespace).
        case procPid
        /// Stage 2 finished its set-up and is about to exec.
        case procReady
        /// A stage failed; `stage` and `message` say where and why.
        case procError
    }

    var type: Kind
    var pid: Int32?
    var stage: String?
    var message: String?
}

/// What `runc exec` sends each stage: the container, the process to run and where to find the
/// namespaces to join.
struct ExecInitConfig: Codable, Sendable {
    var id: String
    /// The container's config.json with `process` replaced by the exec'd process.
    var spec: Spec
    var rootfs: String
    /// The container's init, in runc's pid namespace: its `/proc/<pid>/ns/*` are joined.
    var initPid: Int
    /// The OCI names (`pid`, `mount`, …) of the namespaces the container has of its own.
    var namespaces: [String]
    /// The executable stage 1 starts as stage 2: runc's own.
    var initExecutable: String
}

enum SetnsInitEnvironment {
    /// `_LIBCONTAINER_INITTYPE=setns`: the init joins a container instead of creating one.
    static let initType = "setns"
    /// Set for stage 2 only.
    static let stageName = "_LIBCONTAINER_SETNS_STAGE"
    static let secondStage = "2"
}

/// What the child's file table should hold, applied in order between clone and exec (as
/// posix_spawn_file_actions(3)).
public enum SpawnFileAction: Sendable, Hashable {
    /// `dup2(source, target)`: the child's `target` becomes a copy of the parent's `source`.
    case duplicate(FileDescriptor, to: FileDescriptor)
    /// `close(fd)` in the child.
    case close(FileDescriptor)
}

/// A new process running a program: clone(2) with the given new namespaces, then execve(2).
///
/// All file descriptors not marked close-on-exec are inherited, then `fileActions` run. The
/// call fails, and no process is left, when the exec fails (`ENOENT`, `EACCES`, `ENOEXEC`), as
/// posix_spawn(3) reports it.
public struct SpawnRequest: Sendable, Hashable {
    public var path: String
    public var arguments: [String]
    public var environment: [String]
    public var fileActions: [SpawnFileAction]
    /// Namespaces the child gets new (`CLONE_NEW*`); with `.pid` the child is pid 1 of its own.
    public var namespaces: Namespaces
    /// The child starts a new session (setsid(2)), as a daemon does.
    public var newSession: Bool
    public var workingDirectory: String?
    /// prctl(2) `PR_SET_PDEATHSIG` in the child: the signal it gets when the thread that
    /// spawned it ends (so spawn from a thread that lives as long as the parent process), as
    /// dockerd starts containerd with Go's `SysProcAttr.Pdeathsig`.
    public var parentDeathSignal: Signal?
    /// clone3(2) `CLONE_INTO_CGROUP` (Linux 5.7): the child starts in the cgroup v2 group this
    /// directory descriptor names (open it `O_PATH`), instead of its parent's. Unlike writing
    /// its pid to `cgroup.procs` afterwards, this takes no global lock: moving a process with
    /// that write waits for an RCU grace period when the lock is cold, milliseconds that runc
    /// pays for every container. `EBADF` when the descriptor is not a cgroup v2 directory,
    /// `EBUSY` when the group delegates controllers to children (no internal processes),
    /// `ENOSYS` on a kernel without clone3.
    public var cgroup: FileDescriptor?

    public init(
        path: String, arguments: [String], environment: [String],
        fileActions: [SpawnFileAction] = [], namespaces: Namespaces = [], newSession: Bool = false,
        workingDirectory: String? = nil, parentDeathSignal: Signal? = nil, cgroup: FileDescriptor? = nil
    ) {
        self.path = path
        self.arguments = arguments
        self.environment = environment
        self.fileActions = fileActions
        self.namespaces = namespaces
        self.newSession = newSession
        self.workingDirectory = workingDirectory
        self.parentDeathSignal = parentDeathSignal
        self.cgroup = cgroup
    }
}

/// The one seam between Glassbox and the operating system.
///
/// A `Kernel` is the handle one thread of one process holds. Its methods mirror Linux system
/// calls one to one, take values (never pointers, which the simulator could not honour), and
/// throw `Errno`. Two backends implement it: `LinuxKernel` (real syscalls) and `SimKernel` (an
/// in-memory machine). `RecordingKernel` wraps either and writes a trace event per call.
///
/// Nothing above the backends reaches the OS, a clock, randomness or the environment in any
/// other way: that is what makes the simulator deterministic and every call traceable.
public protocol Kernel: AnyObject, Sendable {
    // MARK: Files and directories

    /// openat(2) relative to the working directory. Returns the lowest free descriptor.
    func open(_ path: String, _ flags: OpenFlags, mode: UInt32) throws -> FileDescriptor
    /// close(2). Never retried.
    func close(_ fd: FileDescriptor) throws
    /// read(2): up to `count` bytes; an empty result is end of file.
    func read(_ fd: FileDescriptor, count: Int) throws -> [UInt8]
    /// write(2): returns how many bytes were written (may be fewer than given).
    func write(_ fd: FileDescriptor, _ bytes: [UInt8]) throws -> Int
    /// lseek(2) with `SEEK_SET` (whence 0), `SEEK_CUR` (1) or `SEEK_END` (2).
    func lseek(_ fd: FileDescriptor, offset: Int64, whence: Int32) throws -> Int64
    /// fstat(2).
    func fstat(_ fd: FileDescriptor) throws -> FileStatus
    /// stat(2): follows a final symlink.
    func stat(_ path: String) throws -> FileStatus
    /// lstat(2): does not follow a final symlink.
    func lstat(_ path: String) throws -> FileStatus
    /// statfs(2): the file system a path lies on, and its mount's flags.
    func statfs(_ path: String) throws -> FileSystemStatus
    /// mkdir(2).
    func mkdir(_ path: String, mode: UInt32) throws
    /// rmdir(2).
    func rmdir(_ path: String) throws
    /// unlink(2).
    func unlink(_ path: String) throws
    /// rename(2).
    func rename(_ from: String, _ to: String) throws
    /// symlink(2): creates `path` pointing at `target`.
    func symlink(_ target: String, _ path: String) throws
    /// readlink(2).
    func readlink(_ path: String) throws -> String
    /// link(2).
    func link(_ existing: String, _ new: String) throws
    /// chmod(2).
    func chmod(_ path: String, mode: UInt32) throws
    /// lchown(2): does not follow a final symlink.
    func lchown(_ path: String, uid: UInt32, gid: UInt32) throws
    /// lsetxattr(2): sets the extended attribute `name` (`trusted.overlay.opaque`, `user.x` …)
    /// of `path`, not following a final symlink. `trusted.*` needs CAP_SYS_ADMIN (EPERM);
    /// EOPNOTSUPP where the file system keeps no such attribute.
    func setxattr(_ path: String, _ name: String, _ value: [UInt8]) throws
    /// lgetxattr(2): the value of the extended attribute `name` of `path`; ENODATA when the
    /// file has none of that name.
    func getxattr(_ path: String, _ name: String) throws -> [UInt8]
    /// mknod(2) for a FIFO (as mkfifo(3)), a character or a block device.
    func mknod(_ path: String, kind: FileKind, mode: UInt32, major: UInt32, minor: UInt32) throws
    /// getdents64(2) on a directory path, whole (opendir/readdir/closedir).
    func readdir(_ path: String) throws -> [DirectoryEntry]
    /// ftruncate(2).
    func ftruncate(_ fd: FileDescriptor, length: Int64) throws
    /// chdir(2).
    func chdir(_ path: String) throws
    /// getcwd(2).
    func getcwd() throws -> String

    // MARK: File descriptors

    /// dup(2).
    func dup(_ fd: FileDescriptor) throws -> FileDescriptor
    /// dup3(2) (`dup2` when `closeOnExec` is false).
    func dup2(_ fd: FileDescriptor, _ target: FileDescriptor, closeOnExec: Bool) throws
    /// fcntl(2) `F_SETFD FD_CLOEXEC`.
    func setCloseOnExec(_ fd: FileDescriptor, _ on: Bool) throws
    /// fcntl(2) `F_SETFL O_NONBLOCK`.
    func setNonBlocking(_ fd: FileDescriptor, _ on: Bool) throws
    /// pipe2(2): (read end, write end).
    func pipe(closeOnExec: Bool) throws -> (read: FileDescriptor, write: FileDescriptor)
    /// poll(2) for readability: the subset of `fds` with data (or end of file, or a pending
    /// connection) ready, waiting at most `timeoutNanoseconds` (nil waits without limit).
    func pollReadable(_ fds: [FileDescriptor], timeoutNanoseconds: Int64?) throws -> [FileDescriptor]

    // MARK: Terminals

    /// ioctl(2) `TCGETS` succeeding: whether `fd` is a terminal (isatty(3)).
    func isatty(_ fd: FileDescriptor) -> Bool
    /// ioctl(2) `TCSETS`: raw mode as cfmakeraw(3) makes it, or back to the mode saved when raw
    /// mode was set.
    func setTerminalRaw(_ fd: FileDescriptor, _ raw: Bool) throws
    /// ioctl(2) `TIOCGWINSZ`: the terminal's size.
    func windowSize(_ fd: FileDescriptor) throws -> (rows: UInt16, columns: UInt16)
    /// posix_openpt(3), grantpt(3), unlockpt(3), ptsname(3): opens `/dev/ptmx` as the caller
    /// resolves it (a container's own devpts after pivot_root), unlocks the slave (ioctl
    /// `TIOCSPTLCK`) and names it (`TIOCGPTN`). Returns the master and the slave's path.
    func openpty(closeOnExec: Bool) throws -> (master: FileDescriptor, slavePath: String)
    /// ioctl(2) `TIOCSWINSZ`: sets the terminal's size; the foreground process group gets
    /// SIGWINCH when it changed.
    func setWindowSize(_ fd: FileDescriptor, rows: UInt16, columns: UInt16) throws
    /// ioctl(2) `TIOCSCTTY` (argument 0): the terminal becomes the controlling terminal of the
    /// caller's session, whose leader the caller must be.
    func setControllingTerminal(_ fd: FileDescriptor) throws

    // MARK: Sockets

    /// socket(2).
    func socket(_ domain: SocketDomain, _ type: SocketType, closeOnExec: Bool) throws -> FileDescriptor
    /// socketpair(2) with `AF_UNIX`.
    func socketpair(_ type: SocketType, closeOnExec: Bool) throws -> (FileDescriptor, FileDescriptor)
    /// bind(2). A UNIX address creates a socket file.
    func bind(_ fd: FileDescriptor, _ address: SocketAddress) throws
    /// listen(2).
    func listen(_ fd: FileDescriptor, backlog: Int32) throws
    /// accept4(2).
    func accept(_ fd: FileDescriptor, closeOnExec: Bool) throws -> FileDescriptor
    /// connect(2).
    func connect(_ fd: FileDescriptor, _ address: SocketAddress) throws
    /// shutdown(2).
    func shutdown(_ fd: FileDescriptor, _ how: ShutdownHow) throws
    /// sendmsg(2) with `SCM_RIGHTS` for the descriptors in `fds`.
    func sendmsg(_ fd: FileDescriptor, _ bytes: [UInt8], fds: [FileDescriptor]) throws -> Int
    /// recvmsg(2): bytes and any descriptors that came with them (installed close-on-exec).
    func recvmsg(_ fd: FileDescriptor, count: Int) throws -> (bytes: [UInt8], fds: [FileDescriptor])
    /// getsockname(2): the port the kernel chose for a TCP bind to port 0.
    func getsockname(_ fd: FileDescriptor) throws -> SocketAddress

    // MARK: Mounts

    /// mount(2).
    func mount(source: String, target: String, fstype: String, flags: MountFlags, data: String) throws
    /// umount2(2).
    func umount(_ target: String, flags: UnmountFlags) throws
    /// pivot_root(2): `newRoot` becomes `/`, the old root is moved to `putOld`.
    func pivotRoot(_ newRoot: String, _ putOld: String) throws
    /// chroot(2).
    func chroot(_ path: String) throws

    // MARK: Processes

    /// getpid(2), in the caller's pid namespace.
    func getpid() -> ProcessID
    /// getppid(2): 0 when the parent is outside the caller's pid namespace.
    func getppid() -> ProcessID
    /// clone(2) + execve(2): see `SpawnRequest`.
    func spawn(_ request: SpawnRequest) throws -> ProcessID
    /// clone(2) without the execve(2): a new process, made as `spawn` makes it (namespaces,
    /// cgroup, session, file actions, working directory), that runs `program.main` in a copy of
    /// this process's image, with `request.arguments` and `request.environment` as its context
    /// (tracing as a started program does). `request.path` names that image, this process's
    /// own executable; it is not opened. Before the program runs, the child closes its
    /// close-on-exec descriptors and resets its signals, as the exec would have, so it holds
    /// what a spawned program would. This is how crun starts a container's init: no second
    /// start-up of the runtime. Only for a process with one thread (EINVAL otherwise): the
    /// child has only the thread that called.
    func fork(_ request: SpawnRequest, running program: Program) throws -> ProcessID
    /// execve(2): replaces the program of the calling process. Returns only by throwing.
    func execve(_ path: String, _ arguments: [String], _ environment: [String]) throws -> Never
    /// exit_group(2). In the simulator the call unwinds the caller by throwing; the program's
    /// code never runs past it.
    func exit(_ status: Int32) throws -> Never
    /// wait4(2). `pid` nil waits for any child. With `.noHang`, nil when no child has exited.
    func wait4(_ pid: ProcessID?, options: WaitOptions) throws -> (pid: ProcessID, status: WaitStatus)?
    /// kill(2).
    func kill(_ pid: ProcessID, _ signal: Signal) throws
    /// rt_sigaction(2) reduced to what programs here need: ignore a signal, or restore its
    /// default action.
    func ignoreSignal(_ signal: Signal, _ ignore: Bool) throws
    /// sigtimedwait(2): waits until one of `signals` is pending, takes it and returns it; nil
    /// when `timeoutNanoseconds` passed first. The signals must already be blocked in every
    /// thread (the executable's start-up blocks them: `LinuxProcess.blockSignals` before
    /// main), or the kernel delivers them instead. ENOSYS where no signal can be waited for.
    func waitForSignal(_ signals: [Signal], timeoutNanoseconds: Int64) throws -> Signal?
    /// setsid(2).
    func setsid() throws -> ProcessID
    /// prctl(2) `PR_SET_CHILD_SUBREAPER`: orphaned descendants are reparented to the caller.
    func setChildSubreaper() throws
    /// prctl(2) `PR_SET_NAME`: the name `ps` shows (`comm`).
    func setProcessName(_ name: String) throws
    /// clone(2) with `CLONE_THREAD`: a new thread of this process runs `body` with a kernel
    /// handle of its own.
    func spawnThread(name: String, _ body: @escaping @Sendable (Kernel) -> Void) throws
    /// A futex(2)-backed lock with a condition, shared by the threads of this process.
    func makeLock() -> KernelLock

    // MARK: Namespaces, identity, credentials

    /// unshare(2).
    func unshare(_ namespaces: Namespaces) throws
    /// setns(2) with a descriptor on `/proc/PID/ns/*`.
    func setns(_ fd: FileDescriptor, _ namespace: Namespaces) throws
    /// sethostname(2).
    func sethostname(_ name: String) throws
    /// uname(2).
    func uname() -> SystemName
    /// getuid(2), getgid(2).
    func getuid() -> UInt32
    func getgid() -> UInt32
    /// setresuid(2) with all three ids equal.
    func setuid(_ uid: UInt32) throws
    /// setresgid(2) with all three ids equal.
    func setgid(_ gid: UInt32) throws
    /// setgroups(2).
    func setgroups(_ gids: [UInt32]) throws
    /// capget(2) and prctl(2) `PR_CAPBSET_READ` / `PR_CAP_AMBIENT_IS_SET`.
    func capget() throws -> CapabilitySets
    /// capset(2), with prctl(2) `PR_CAPBSET_DROP` and `PR_CAP_AMBIENT` for the other two sets.
    func capset(_ sets: CapabilitySets) throws
    /// prctl(2) `PR_SET_NO_NEW_PRIVS`.
    func setNoNewPrivileges() throws
    /// setrlimit(2).
    func setrlimit(_ limit: ResourceLimit) throws
    /// umask(2): returns the previous mask.
    func umask(_ mask: UInt32) -> UInt32

    // MARK: Time and randomness

    /// clock_gettime(2), nanoseconds.
    func clockGettime(_ clock: ClockID) -> Int64
    /// nanosleep(2).
    func nanosleep(_ nanoseconds: Int64) throws
    /// getrandom(2).
    func getrandom(_ count: Int) -> [UInt8]
}

/// A lock with a condition variable for the threads of one process (futex(2) `FUTEX_WAIT` /
/// `FUTEX_WAKE`, as a pthread mutex and condition are built). In the simulator a thread that
/// waits gives the machine to another thread.
public protocol KernelLock: AnyObject, Sendable {
    func lock()
    func unlock()
    /// Releases the lock, sleeps until `broadcast`, and takes the lock again. Throws only in the
    /// simulator, when the caller's process died while it slept: the thread then unwinds (not
    /// holding the lock) as from any blocking Kernel call, releasing what its stack holds.
    func wait() throws
    func broadcast()
}

extension Kernel {
    /// A backend without terminals: nothing is a TTY.
    public func isatty(_ fd: FileDescriptor) -> Bool { false }
    public func setTerminalRaw(_ fd: FileDescriptor, _ raw: Bool) throws { throw Errno.ENOTTY }
    public func windowSize(_ fd: FileDescriptor) throws -> (rows: UInt16, columns: UInt16) { throw Errno.ENOTTY }
    public func openpty(closeOnExec: Bool) throws -> (master: FileDescriptor, slavePath: String) { throw Errno.ENOSYS }
    public func setWindowSize(_ fd: FileDescriptor, rows: UInt16, columns: UInt16) throws { throw Errno.ENOTTY }
    public func setControllingTerminal(_ fd: FileDescriptor) throws { throw Errno.ENOTTY }
    /// A backend whose processes cannot wait for a signal.
    public func waitForSignal(_ signals: [Signal], timeoutNanoseconds: Int64) throws -> Signal? { throw Errno.ENOSYS }
}

extension KernelLock {
    /// `wait` on a lock that only real threads use (a host's, not a simulated process's), whose
    /// `wait` never throws.
    public func waitOnHost() {
        do { try wait() } catch { preconditionFailure("KernelLock.waitOnHost: a host lock's wait threw \(error)") }
    }

    /// Runs `body` holding the lock.
    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}

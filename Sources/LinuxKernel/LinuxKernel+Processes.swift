import CLinux
import Glibc
import KernelInterface

/// Processes: creating, replacing, ending, reaping and signalling them.
extension LinuxKernel {
    /// The corresponding C function is `getpid(2)`.
    public func getpid() -> ProcessID { ProcessID(Glibc.getpid()) }

    /// The corresponding C function is `getppid(2)`.
    public func getppid() -> ProcessID { ProcessID(Glibc.getppid()) }

    /// The corresponding C functions are `clone(2)` (or `fork(2)` without new namespaces) and
    /// `execve(2)`, with the file actions, `setsid(2)`, `prctl(2)` PR_SET_PDEATHSIG and `chdir(2)` in between, done by
    /// `gb_spawn` in C because nothing but async-signal-safe calls may run in the child of a
    /// threaded process. An exec failure is thrown, and the failed child already reaped.
    public func spawn(_ request: SpawnRequest) throws -> ProcessID {
        let actions = request.fileActions.map(\.cAction)
        var pid: Int32 = 0
        let error = withCStringArray(request.arguments) { argv in
            withCStringArray(request.environment) { envp in
                withOptionalCString(request.workingDirectory ?? "") { directory in
                    actions.withUnsafeBufferPointer { actions in
                        gb_spawn(
                            request.path, argv, envp, actions.baseAddress, Int32(actions.count),
                            request.namespaces.rawValue, request.newSession ? 1 : 0,
                            request.parentDeathSignal?.rawValue ?? 0, directory, request.cgroup?.rawValue ?? -1, &pid
                        )
                    }
                }
            }
        }
        // clone3 refuses a CLONE_INTO_CGROUP descriptor that is open but no cgroup v2
        // directory with EBADF: the caller's mistake to report, not a descriptor lost.
        if error == EBADF, request.cgroup != nil { throw Errno.EBADF }
        if error != 0 { throw failure("spawn", error) }
        return ProcessID(pid)
    }

    /// The corresponding C functions are those of `spawn` without the `execve(2)`, then, in the
    /// child, `close(2)` of every close-on-exec descriptor (`gb_fork`); the child runs `program`
    /// as an executable's start runs its main, on a kernel handle of its own, and ends with
    /// `_exit(2)` (the parent's atexit handlers are not the child's to run). EINVAL when this
    /// process has more than one thread (the link count of /proc/self/task is the number of
    /// threads plus two): a copy of one thread of a threaded process may find a lock held by a
    /// thread that did not come along.
    public func fork(_ request: SpawnRequest, running program: Program) throws -> ProcessID {
        var task = Glibc.stat()
        if fstatat(AT_FDCWD, "/proc/self/task", &task, 0) == 0, task.st_nlink > 3 { throw Errno.EINVAL }
        let actions = request.fileActions.map(\.cAction)
        var pid: Int32 = -1
        let error = withOptionalCString(request.workingDirectory ?? "") { directory in
            actions.withUnsafeBufferPointer { actions in
                gb_fork(actions.baseAddress, Int32(actions.count), request.namespaces.rawValue, request.newSession ? 1 : 0,
                        request.parentDeathSignal?.rawValue ?? 0, directory, request.cgroup?.rawValue ?? -1, &pid)
            }
        }
        if error == EBADF, request.cgroup != nil { throw Errno.EBADF }
        if error != 0 { throw failure("fork", error) }
        if pid == 0 {
            let context = ProcessContext.start(program: program, kernel: LinuxKernel(),
                                               arguments: request.arguments, environment: request.environment)
            let status = program.main(context)
            context.tracer?.flush()
            _exit(status)
        }
        return ProcessID(pid)
    }

    /// The corresponding C function is `execve(2)`.
    public func execve(_ path: String, _ arguments: [String], _ environment: [String]) throws -> Never {
        let error = withCStringArray(arguments) { argv in
            withCStringArray(environment) { envp in
                _ = Glibc.execve(path, argv, envp)
                return errno
            }
        }
        throw failure("execve", error)
    }

    /// The corresponding C function is `_exit(2)`, which is exit_group(2): every thread ends,
    /// and no atexit handler or stdio flush runs (programs write through descriptors).
    public func exit(_ status: Int32) throws -> Never {
        _exit(status)
    }

    /// The corresponding C function is `wait4(2)`.
    public func wait4(_ pid: ProcessID?, options: WaitOptions) throws -> (pid: ProcessID, status: WaitStatus)? {
        var status: Int32 = 0
        let flags = options.contains(.noHang) ? WNOHANG : 0
        let child = try retrying("wait4") { Glibc.wait4(pid?.rawValue ?? -1, &status, flags, nil) }
        if child == 0 { return nil }
        return (ProcessID(child), WaitStatus(waitStatus: status))
    }

    /// The corresponding C function is `kill(2)`.
    public func kill(_ pid: ProcessID, _ signal: Signal) throws {
        _ = try once("kill") { Glibc.kill(pid.rawValue, signal.rawValue) }
    }

    /// The corresponding C function is `sigaction(2)` with `SIG_IGN` or `SIG_DFL`.
    public func ignoreSignal(_ signal: Signal, _ ignore: Bool) throws {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = ignore ? SIG_IGN : SIG_DFL
        _ = try once("sigaction") { sigaction(signal.rawValue, &action, nil) }
    }

    /// The corresponding C function is `setsid(2)`.
    public func setsid() throws -> ProcessID {
        ProcessID(try once("setsid") { Glibc.setsid() })
    }

    /// The corresponding C function is `prctl(2)` with `PR_SET_CHILD_SUBREAPER`.
    public func setChildSubreaper() throws {
        _ = try once("prctl(PR_SET_CHILD_SUBREAPER)") { gb_prctl(Int32(GB_PR_SET_CHILD_SUBREAPER), 1, 0, 0, 0) }
    }

    /// The corresponding C function is `prctl(2)` with `PR_SET_NAME`: the calling thread's
    /// name, which for the main thread is the process's `comm` (truncated to 15 bytes).
    public func setProcessName(_ name: String) throws {
        _ = try name.withCString { name in
            try once("prctl(PR_SET_NAME)") { gb_prctl(Int32(GB_PR_SET_NAME), UInt(bitPattern: name), 0, 0, 0) }
        }
    }
}

extension WaitStatus {
    /// Decodes wait4(2)'s status word: `WIFEXITED` / `WEXITSTATUS`, else `WTERMSIG`.
    init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(Signal(rawValue: signal))
    }
}

extension SpawnFileAction {
    /// The action as `gb_spawn` takes it.
    var cAction: gb_file_action {
        switch self {
        case let .duplicate(source, to: target):
            return gb_file_action(kind: Int32(GB_FILE_ACTION_DUPLICATE), fd: source.rawValue, target: target.rawValue)
        case let .close(fd):
            return gb_file_action(kind: Int32(GB_FILE_ACTION_CLOSE), fd: fd.rawValue, target: -1)
        }
    }
}

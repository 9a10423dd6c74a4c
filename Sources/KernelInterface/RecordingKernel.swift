import Trace

/// Wraps a kernel and writes one `syscall` trace event per call, under the hop the calling
/// thread is serving, with the same shape whichever backend is inside: the same scenario run on
/// both can be compared call by call. Like `strace`, it shows arguments as a person would write
/// them and the result or the errno name.
public final class RecordingKernel: Kernel, @unchecked Sendable {
    public let inner: Kernel
    public let tracer: Tracer

    public init(_ inner: Kernel, tracer: Tracer) {
        self.inner = inner
        self.tracer = tracer
    }

    /// How a call's event may be written (see `FileDescriptorTraceSink`).
    enum CallKind {
        /// Neither blocks nor reaches another process (a path lookup, a mount, a read or write
        /// of a regular file): its event may wait for the next one that is written.
        case local
        /// Reaches another process without waiting for it (a write to a pipe, a kill): its
        /// event is written at once, with those held back before it.
        case reaching
        /// May wait for another process (a read of a pipe, wait4, accept): what was held back
        /// is written before the call, so that nothing waits behind it, and its own event after.
        case waiting
    }

    @inline(__always)
    func record<T>(_ name: String, _ args: @autoclosure () -> [String], _ kind: CallKind,
                   _ call: () throws -> T, result: (T) -> String) throws -> T {
        if kind == .waiting { tracer.flush() }
        let start = inner.clockGettime(.realtime)
        do {
            let value = try call()
            tracer.syscall(name, args: args(), result: result(value), start: start, end: inner.clockGettime(.realtime),
                           deferred: kind == .local)
            return value
        } catch let error as Errno {
            tracer.syscall(name, args: args(), result: error.name, start: start, end: inner.clockGettime(.realtime),
                           deferred: kind == .local)
            throw error
        }
    }

    func record(_ name: String, _ args: @autoclosure () -> [String], _ kind: CallKind, _ call: () throws -> Void) throws {
        try record(name, args(), kind, call, result: { _ in "0" })
    }

    /// A call that reaches another process, or may.
    @inline(__always)
    func record<T>(_ name: String, _ args: @autoclosure () -> [String], _ call: () throws -> T, result: (T) -> String) throws -> T {
        try record(name, args(), .reaching, call, result: result)
    }

    func record(_ name: String, _ args: @autoclosure () -> [String], _ call: () throws -> Void) throws {
        try record(name, args(), .reaching, call, result: { _ in "0" })
    }

    /// A descriptor on a regular file or a directory: its reads, writes and close are local.
    private func isFile(_ fd: FileDescriptor) -> Bool { tracer.fileDescriptors.contains(fd.rawValue) }
    /// A new descriptor of another kind, whose number an old file descriptor may have had.
    private func forget(_ fds: FileDescriptor...) { for fd in fds { tracer.fileDescriptors.remove(fd.rawValue) } }

    func fd(_ fd: FileDescriptor) -> String { String(fd.rawValue) }
    func q(_ s: String) -> String { "\"" + s + "\"" }
    func octal(_ mode: UInt32) -> String { "0o" + String(mode, radix: 8) }
    func preview(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(32)
        let text = String(decoding: head, as: UTF8.self)
            .replacingNewlines()
        return q(text) + (bytes.count > 32 ? "..." : "")
    }

    // MARK: Files

    /// An open may wait (a FIFO's waits for its other end), so what was held back goes first;
    /// the new descriptor is then looked at (an unrecorded fstat) to know whether its calls
    /// will be local.
    public func open(_ path: String, _ flags: OpenFlags, mode: UInt32) throws -> FileDescriptor {
        tracer.flush()
        let args = [q(path), flags.symbolic] + (flags.contains(.create) ? [octal(mode)] : [])
        let start = inner.clockGettime(.realtime)
        do {
            let opened = try inner.open(path, flags, mode: mode)
            let kind = flags.contains(.path) ? nil : (try? inner.fstat(opened))?.kind
            let local = kind == .regular || kind == .directory
            if local { tracer.fileDescriptors.insert(opened.rawValue) } else { forget(opened) }
            tracer.syscall("open", args: args, result: fd(opened), start: start, end: inner.clockGettime(.realtime), deferred: local)
            return opened
        } catch let error as Errno {
            tracer.syscall("open", args: args, result: error.name, start: start, end: inner.clockGettime(.realtime))
            throw error
        }
    }
    public func close(_ fd: FileDescriptor) throws {
        let local = isFile(fd)
        forget(fd)
        try record("close", [self.fd(fd)], local ? .local : .reaching, { try inner.close(fd) })
    }
    public func read(_ fd: FileDescriptor, count: Int) throws -> [UInt8] {
        try record("read", [self.fd(fd), String(count)], isFile(fd) ? .local : .waiting, { try inner.read(fd, count: count) },
                   result: { String($0.count) })
    }
    public func write(_ fd: FileDescriptor, _ bytes: [UInt8]) throws -> Int {
        try record("write", [self.fd(fd), preview(bytes), String(bytes.count)], isFile(fd) ? .local : .reaching,
                   { try inner.write(fd, bytes) }, result: { String($0) })
    }
    public func lseek(_ fd: FileDescriptor, offset: Int64, whence: Int32) throws -> Int64 {
        try record("lseek", [self.fd(fd), String(offset), ["SEEK_SET", "SEEK_CUR", "SEEK_END"][Int(whence) % 3]], .local,
                   { try inner.lseek(fd, offset: offset, whence: whence) }, result: { String($0) })
    }
    public func fstat(_ fd: FileDescriptor) throws -> FileStatus {
        try record("fstat", [self.fd(fd)], .local, { try inner.fstat(fd) }, result: { $0.modeString })
    }
    public func stat(_ path: String) throws -> FileStatus {
        try record("stat", [q(path)], .local, { try inner.stat(path) }, result: { $0.modeString })
    }
    public func lstat(_ path: String) throws -> FileStatus {
        try record("lstat", [q(path)], .local, { try inner.lstat(path) }, result: { $0.modeString })
    }
    public func statfs(_ path: String) throws -> FileSystemStatus {
        try record("statfs", [q(path)], .local, { try inner.statfs(path) }, result: \.description)
    }
    public func mkdir(_ path: String, mode: UInt32) throws { try record("mkdir", [q(path), octal(mode)], .local, { try inner.mkdir(path, mode: mode) }) }
    public func rmdir(_ path: String) throws { try record("rmdir", [q(path)], .local, { try inner.rmdir(path) }) }
    public func unlink(_ path: String) throws { try record("unlink", [q(path)], .local, { try inner.unlink(path) }) }
    public func rename(_ from: String, _ to: String) throws { try record("rename", [q(from), q(to)], .local, { try inner.rename(from, to) }) }
    public func symlink(_ target: String, _ path: String) throws { try record("symlink", [q(target), q(path)], .local, { try inner.symlink(target, path) }) }
    public func readlink(_ path: String) throws -> String {
        try record("readlink", [q(path)], .local, { try inner.readlink(path) }, result: q)
    }
    public func link(_ existing: String, _ new: String) throws { try record("link", [q(existing), q(new)], .local, { try inner.link(existing, new) }) }
    public func chmod(_ path: String, mode: UInt32) throws { try record("chmod", [q(path), octal(mode)], .local, { try inner.chmod(path, mode: mode) }) }
    public func lchown(_ path: String, uid: UInt32, gid: UInt32) throws {
        try record("lchown", [q(path), String(uid), String(gid)], .local, { try inner.lchown(path, uid: uid, gid: gid) })
    }
    public func setxattr(_ path: String, _ name: String, _ value: [UInt8]) throws {
        try record("lsetxattr", [q(path), q(name), q(String(decoding: value, as: UTF8.self)), String(value.count)], .local,
                   { try inner.setxattr(path, name, value) })
    }
    public func getxattr(_ path: String, _ name: String) throws -> [UInt8] {
        try record("lgetxattr", [q(path), q(name)], .local, { try inner.getxattr(path, name) },
                   result: { String($0.count) })
    }
    public func mknod(_ path: String, kind: FileKind, mode: UInt32, major: UInt32, minor: UInt32) throws {
        let name = kind == .fifo ? "mkfifo" : "mknod"
        let args = kind == .fifo ? [q(path), octal(mode)] : [q(path), "S_IF\(kind == .blockDevice ? "BLK" : "CHR")|" + octal(mode), "makedev(\(major), \(minor))"]
        try record(name, args, .local, { try inner.mknod(path, kind: kind, mode: mode, major: major, minor: minor) })
    }
    public func readdir(_ path: String) throws -> [DirectoryEntry] {
        try record("getdents64", [q(path)], .local, { try inner.readdir(path) }, result: { String($0.count) + " entries" })
    }
    public func ftruncate(_ fd: FileDescriptor, length: Int64) throws {
        try record("ftruncate", [self.fd(fd), String(length)], .local, { try inner.ftruncate(fd, length: length) })
    }
    public func chdir(_ path: String) throws { try record("chdir", [q(path)], .local, { try inner.chdir(path) }) }
    public func getcwd() throws -> String { try record("getcwd", [], .local, { try inner.getcwd() }, result: q) }

    // MARK: Descriptors

    public func dup(_ fd: FileDescriptor) throws -> FileDescriptor {
        let copy = try record("dup", [self.fd(fd)], .local, { try inner.dup(fd) }, result: self.fd)
        forget(copy)
        return copy
    }
    public func dup2(_ fd: FileDescriptor, _ target: FileDescriptor, closeOnExec: Bool) throws {
        try record(closeOnExec ? "dup3" : "dup2", [self.fd(fd), self.fd(target)] + (closeOnExec ? ["O_CLOEXEC"] : []),
                   .local, { try inner.dup2(fd, target, closeOnExec: closeOnExec) })
        forget(target)
    }
    public func setCloseOnExec(_ fd: FileDescriptor, _ on: Bool) throws {
        try record("fcntl", [self.fd(fd), "F_SETFD", on ? "FD_CLOEXEC" : "0"], .local, { try inner.setCloseOnExec(fd, on) })
    }
    public func setNonBlocking(_ fd: FileDescriptor, _ on: Bool) throws {
        try record("fcntl", [self.fd(fd), "F_SETFL", on ? "O_NONBLOCK" : "0"], .local, { try inner.setNonBlocking(fd, on) })
    }
    public func pipe(closeOnExec: Bool) throws -> (read: FileDescriptor, write: FileDescriptor) {
        let ends = try record("pipe2", closeOnExec ? ["O_CLOEXEC"] : ["0"], .local, { try inner.pipe(closeOnExec: closeOnExec) },
                              result: { "[\($0.read), \($0.write)]" })
        forget(ends.read, ends.write)
        return ends
    }
    public func pollReadable(_ fds: [FileDescriptor], timeoutNanoseconds: Int64?) throws -> [FileDescriptor] {
        try record("poll", ["[" + fds.map(fd).joined(separator: ", ") + "]", timeoutNanoseconds.map { String($0 / 1_000_000) + "ms" } ?? "-1"], .waiting,
                   { try inner.pollReadable(fds, timeoutNanoseconds: timeoutNanoseconds) }, result: { String($0.count) })
    }

    // MARK: Terminals

    public func isatty(_ fd: FileDescriptor) -> Bool { inner.isatty(fd) }
    public func setTerminalRaw(_ fd: FileDescriptor, _ raw: Bool) throws {
        try record("ioctl", [self.fd(fd), "TCSETS", raw ? "raw" : "saved"], { try inner.setTerminalRaw(fd, raw) })
    }
    public func windowSize(_ fd: FileDescriptor) throws -> (rows: UInt16, columns: UInt16) {
        try record("ioctl", [self.fd(fd), "TIOCGWINSZ"], { try inner.windowSize(fd) }, result: { "\($0.rows)x\($0.columns)" })
    }
    public func openpty(closeOnExec: Bool) throws -> (master: FileDescriptor, slavePath: String) {
        let pty = try record("openpty", [q("/dev/ptmx")] + (closeOnExec ? ["O_CLOEXEC"] : []), { try inner.openpty(closeOnExec: closeOnExec) },
                             result: { "\($0.master) \($0.slavePath)" })
        forget(pty.master)
        return pty
    }
    public func setWindowSize(_ fd: FileDescriptor, rows: UInt16, columns: UInt16) throws {
        try record("ioctl", [self.fd(fd), "TIOCSWINSZ", "\(rows)x\(columns)"], { try inner.setWindowSize(fd, rows: rows, columns: columns) })
    }
    public func setControllingTerminal(_ fd: FileDescriptor) throws {
        try record("ioctl", [self.fd(fd), "TIOCSCTTY", "0"], { try inner.setControllingTerminal(fd) })
    }

    // MARK: Sockets

    public func socket(_ domain: SocketDomain, _ type: SocketType, closeOnExec: Bool) throws -> FileDescriptor {
        let socket = try record("socket", [domain == .unix ? "AF_UNIX" : "AF_INET", type == .stream ? "SOCK_STREAM" : "SOCK_DGRAM"]
                                + (closeOnExec ? ["SOCK_CLOEXEC"] : []), .local, { try inner.socket(domain, type, closeOnExec: closeOnExec) },
                                result: fd)
        forget(socket)
        return socket
    }
    public func socketpair(_ type: SocketType, closeOnExec: Bool) throws -> (FileDescriptor, FileDescriptor) {
        let pair = try record("socketpair", ["AF_UNIX", type == .stream ? "SOCK_STREAM" : "SOCK_DGRAM"], .local,
                              { try inner.socketpair(type, closeOnExec: closeOnExec) }, result: { "[\($0.0), \($0.1)]" })
        forget(pair.0, pair.1)
        return pair
    }
    public func bind(_ fd: FileDescriptor, _ address: SocketAddress) throws {
        try record("bind", [self.fd(fd), address.description], { try inner.bind(fd, address) })
    }
    public func listen(_ fd: FileDescriptor, backlog: Int32) throws {
        try record("listen", [self.fd(fd), String(backlog)], { try inner.listen(fd, backlog: backlog) })
    }
    public func accept(_ fd: FileDescriptor, closeOnExec: Bool) throws -> FileDescriptor {
        let connection = try record("accept4", [self.fd(fd)], .waiting, { try inner.accept(fd, closeOnExec: closeOnExec) }, result: self.fd)
        forget(connection)
        return connection
    }
    public func connect(_ fd: FileDescriptor, _ address: SocketAddress) throws {
        try record("connect", [self.fd(fd), address.description], .waiting, { try inner.connect(fd, address) })
    }
    public func shutdown(_ fd: FileDescriptor, _ how: ShutdownHow) throws {
        try record("shutdown", [self.fd(fd), ["SHUT_RD", "SHUT_WR", "SHUT_RDWR"][Int(how.rawValue)]], { try inner.shutdown(fd, how) })
    }
    public func sendmsg(_ fd: FileDescriptor, _ bytes: [UInt8], fds: [FileDescriptor]) throws -> Int {
        try record("sendmsg", [self.fd(fd), preview(bytes), "SCM_RIGHTS[" + fds.map(self.fd).joined(separator: ",") + "]"],
                   { try inner.sendmsg(fd, bytes, fds: fds) }, result: { String($0) })
    }
    public func recvmsg(_ fd: FileDescriptor, count: Int) throws -> (bytes: [UInt8], fds: [FileDescriptor]) {
        let message = try record("recvmsg", [self.fd(fd), String(count)], .waiting, { try inner.recvmsg(fd, count: count) },
                                 result: { "\($0.bytes.count)" + ($0.fds.isEmpty ? "" : " +fds[" + $0.fds.map(self.fd).joined(separator: ",") + "]") })
        for received in message.fds { forget(received) }
        return message
    }
    public func getsockname(_ fd: FileDescriptor) throws -> SocketAddress {
        try record("getsockname", [self.fd(fd)], .local, { try inner.getsockname(fd) }, result: { $0.description })
    }

    // MARK: Mounts

    public func mount(source: String, target: String, fstype: String, flags: MountFlags, data: String) throws {
        try record("mount", [q(source), q(target), q(fstype), flags.symbolic] + (data.isEmpty ? [] : [q(data)]),
                   .local, { try inner.mount(source: source, target: target, fstype: fstype, flags: flags, data: data) })
    }
    public func umount(_ target: String, flags: UnmountFlags) throws {
        try record("umount2", [q(target), flags.contains(.detach) ? "MNT_DETACH" : "0"], .local, { try inner.umount(target, flags: flags) })
    }
    public func pivotRoot(_ newRoot: String, _ putOld: String) throws {
        try record("pivot_root", [q(newRoot), q(putOld)], .local, { try inner.pivotRoot(newRoot, putOld) })
    }
    public func chroot(_ path: String) throws { try record("chroot", [q(path)], .local, { try inner.chroot(path) }) }

    // MARK: Processes

    public func getpid() -> ProcessID { inner.getpid() }
    public func getppid() -> ProcessID { inner.getppid() }
    public func spawn(_ request: SpawnRequest) throws -> ProcessID {
        var args = [q(request.path), "[" + request.arguments.map(q).joined(separator: ", ") + "]"]
        if !request.namespaces.isEmpty { args.append(request.namespaces.symbolic) }
        if let signal = request.parentDeathSignal { args.append("PR_SET_PDEATHSIG=" + signal.name) }
        if let cgroup = request.cgroup { args.append("CLONE_INTO_CGROUP=\(cgroup.rawValue)") }
        return try record("clone+execve", args, .waiting, { try inner.spawn(request) }, result: { String($0.rawValue) })
    }
    /// Recorded as the clone(2) it is, with the program the child runs; the child records its
    /// own calls under a tracer of its own, as a started program does.
    public func fork(_ request: SpawnRequest, running program: Program) throws -> ProcessID {
        var args = [q(program.name)]
        if !request.namespaces.isEmpty { args.append(request.namespaces.symbolic) }
        if let signal = request.parentDeathSignal { args.append("PR_SET_PDEATHSIG=" + signal.name) }
        if let cgroup = request.cgroup { args.append("CLONE_INTO_CGROUP=\(cgroup.rawValue)") }
        return try record("clone", args, .waiting, { try inner.fork(request, running: program) }, result: { String($0.rawValue) })
    }
    public func execve(_ path: String, _ arguments: [String], _ environment: [String]) throws -> Never {
        // A successful execve never returns, so the event is written first (strace prints such a
        // call as `= ?` until it knows); a failure writes a second event with the errno.
        let start = inner.clockGettime(.realtime)
        let args = [q(path), "[" + arguments.map(q).joined(separator: ", ") + "]"]
        tracer.syscall("execve", args: args, result: "?", start: start, end: start)
        do {
            try inner.execve(path, arguments, environment)
        } catch let error as Errno {
            tracer.syscall("execve", args: args, result: error.name, start: start, end: inner.clockGettime(.realtime))
            throw error
        }
    }
    public func exit(_ status: Int32) throws -> Never {
        let now = inner.clockGettime(.realtime)
        tracer.syscall("exit_group", args: [String(status)], result: "?", start: now, end: now)
        try inner.exit(status)
    }
    public func wait4(_ pid: ProcessID?, options: WaitOptions) throws -> (pid: ProcessID, status: WaitStatus)? {
        try record("wait4", [pid.map { String($0.rawValue) } ?? "-1"] + (options.contains(.noHang) ? ["WNOHANG"] : []),
                   .waiting, { try inner.wait4(pid, options: options) }, result: { $0.map { "\($0.pid) (\($0.status))" } ?? "0" })
    }
    public func kill(_ pid: ProcessID, _ signal: Signal) throws {
        try record("kill", [String(pid.rawValue), signal.name], { try inner.kill(pid, signal) })
    }
    public func ignoreSignal(_ signal: Signal, _ ignore: Bool) throws {
        try record("rt_sigaction", [signal.name, ignore ? "SIG_IGN" : "SIG_DFL"], .local, { try inner.ignoreSignal(signal, ignore) })
    }
    /// Only a signal taken is recorded: the timeouts of a waiting loop are not events.
    public func waitForSignal(_ signals: [Signal], timeoutNanoseconds: Int64) throws -> Signal? {
        tracer.flush()
        let start = inner.clockGettime(.realtime)
        guard let signal = try inner.waitForSignal(signals, timeoutNanoseconds: timeoutNanoseconds) else { return nil }
        tracer.syscall("rt_sigtimedwait", args: ["[" + signals.map(\.name).joined(separator: ",") + "]"], result: signal.name,
                       start: start, end: inner.clockGettime(.realtime))
        return signal
    }
    public func setsid() throws -> ProcessID { try record("setsid", [], .local, { try inner.setsid() }, result: { String($0.rawValue) }) }
    public func setChildSubreaper() throws { try record("prctl", ["PR_SET_CHILD_SUBREAPER", "1"], .local, { try inner.setChildSubreaper() }) }
    public func setProcessName(_ name: String) throws { try record("prctl", ["PR_SET_NAME", q(name)], .local, { try inner.setProcessName(name) }) }
    public func spawnThread(name: String, _ body: @escaping @Sendable (Kernel) -> Void) throws {
        let threadTracer = tracer.forThread()
        try record("clone", ["CLONE_THREAD", q(name)], {
            try inner.spawnThread(name: name) { threadKernel in
                body(RecordingKernel(threadKernel, tracer: threadTracer))
                threadTracer.flush()
            }
        })
    }
    public func makeLock() -> KernelLock { inner.makeLock() }

    // MARK: Namespaces and credentials

    public func unshare(_ namespaces: Namespaces) throws { try record("unshare", [namespaces.symbolic], .local, { try inner.unshare(namespaces) }) }
    public func setns(_ fd: FileDescriptor, _ namespace: Namespaces) throws {
        try record("setns", [self.fd(fd), namespace.symbolic], .local, { try inner.setns(fd, namespace) })
    }
    public func sethostname(_ name: String) throws { try record("sethostname", [q(name)], .local, { try inner.sethostname(name) }) }
    public func uname() -> SystemName { inner.uname() }
    public func getuid() -> UInt32 { inner.getuid() }
    public func getgid() -> UInt32 { inner.getgid() }
    public func setuid(_ uid: UInt32) throws { try record("setresuid", [String(uid), String(uid), String(uid)], .local, { try inner.setuid(uid) }) }
    public func setgid(_ gid: UInt32) throws { try record("setresgid", [String(gid), String(gid), String(gid)], .local, { try inner.setgid(gid) }) }
    public func setgroups(_ gids: [UInt32]) throws {
        try record("setgroups", ["[" + gids.map(String.init).joined(separator: ", ") + "]"], .local, { try inner.setgroups(gids) })
    }
    public func capget() throws -> CapabilitySets { try record("capget", [], .local, { try inner.capget() }, result: { "\($0.effective.count) effective" }) }
    public func capset(_ sets: CapabilitySets) throws {
        try record("capset", ["effective=\(sets.effective.count)", "permitted=\(sets.permitted.count)", "bounding=\(sets.bounding.count)"], .local,
                   { try inner.capset(sets) })
    }
    public func setNoNewPrivileges() throws { try record("prctl", ["PR_SET_NO_NEW_PRIVS", "1"], .local, { try inner.setNoNewPrivileges() }) }
    public func setrlimit(_ limit: ResourceLimit) throws {
        try record("prlimit64", [limit.resource, String(limit.soft), String(limit.hard)], .local, { try inner.setrlimit(limit) })
    }
    public func umask(_ mask: UInt32) -> UInt32 { inner.umask(mask) }

    // MARK: Time and randomness

    public func clockGettime(_ clock: ClockID) -> Int64 { inner.clockGettime(clock) }
    public func nanosleep(_ nanoseconds: Int64) throws {
        try record("nanosleep", [String(nanoseconds / 1_000_000) + "ms"], .waiting, { try inner.nanosleep(nanoseconds) })
    }
    public func getrandom(_ count: Int) -> [UInt8] { inner.getrandom(count) }
}

extension String {
    func replacingNewlines() -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "."
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

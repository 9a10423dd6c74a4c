#if os(Linux)
import KernelInterface
import LinuxKernel
import Testing

/// Linux-only checks of the real backend. Serialized because spawn and wait4 act on this test
/// process's children; the tests that need root say so and skip otherwise.
@Suite("LinuxKernel", .serialized)
struct LinuxKernelTests {
    let kernel = LinuxKernel()
    static let isRoot = LinuxKernel().getuid() == 0

    @Test("files: write, read back, seek, stat, rename, links and readdir")
    func files() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/notes"
            let fd = try kernel.open(path, [.readWrite, .create, .exclusive, .closeOnExec], mode: 0o640)
            try kernel.writeAll(fd, "hello, world")
            #expect(try kernel.lseek(fd, offset: 7, whence: 0) == 7)
            #expect(try kernel.read(fd, count: 100) == Array("world".utf8))
            try kernel.ftruncate(fd, length: 5)
            let status = try kernel.fstat(fd)
            #expect(status.kind == .regular && status.size == 5 && status.permissions == 0o640 & ~currentUmask())
            try kernel.close(fd)
            #expect(throws: Errno.EEXIST) { try kernel.open(path, [.writeOnly, .create, .exclusive], mode: 0o644) }

            try kernel.rename(path, directory + "/renamed")
            try kernel.symlink("renamed", directory + "/link")
            try kernel.link(directory + "/renamed", directory + "/hard")
            try kernel.mkdir(directory + "/sub", mode: 0o755)
            try kernel.mknod(directory + "/fifo", kind: .fifo, mode: 0o600, major: 0, minor: 0)
            #expect(try kernel.readlink(directory + "/link") == "renamed")
            #expect(try kernel.lstat(directory + "/link").kind == .symlink)
            #expect(try kernel.stat(directory + "/link").linkCount == 2)
            #expect(try kernel.readTextFile(directory + "/link") == "hello")
            let entries = try kernel.readdir(directory).filter { $0.name != "." && $0.name != ".." }
            #expect(entries.map(\.name).sorted() == ["fifo", "hard", "link", "renamed", "sub"])
            #expect(entries.first { $0.name == "fifo" }?.kind == .fifo)
            #expect(entries.first { $0.name == "sub" }?.kind == .directory)
            #expect(throws: Errno.ENOENT) { try kernel.stat(directory + "/missing") }
            #expect(throws: Errno.ENOTEMPTY) { try kernel.rmdir(directory) }
        }
    }

    @Test("a pipe carries bytes, polls readable, and reads end of file after the writer closes")
    func pipes() throws {
        let (readEnd, writeEnd) = try kernel.pipe(closeOnExec: true)
        defer { try? kernel.close(readEnd) }
        #expect(try kernel.pollReadable([readEnd], timeoutNanoseconds: 1_000_000).isEmpty)
        #expect(try kernel.write(writeEnd, Array("ping".utf8)) == 4)
        #expect(try kernel.pollReadable([readEnd], timeoutNanoseconds: nil) == [readEnd])
        #expect(try kernel.read(readEnd, count: 16) == Array("ping".utf8))
        try kernel.close(writeEnd)
        // Not at once: a child another test forks at this moment holds a copy of the write end
        // until its exec closes it (close-on-exec), so end of file may come a little later.
        #expect(try kernel.pollReadable([readEnd], timeoutNanoseconds: 5_000_000_000) == [readEnd])
        #expect(try kernel.read(readEnd, count: 16).isEmpty)
    }

    @Test("spawn of /bin/true exits 0 and /bin/false exits 1; SIGKILL is reported as a signal")
    func exitStatuses() throws {
        let truePid = try kernel.spawn(SpawnRequest(path: "/bin/true", arguments: ["true"], environment: []))
        #expect(try kernel.wait4(truePid, options: [])?.status == .exited(0))
        let falsePid = try kernel.spawn(SpawnRequest(path: "/bin/false", arguments: ["false"], environment: []))
        #expect(try kernel.wait4(falsePid, options: [])?.status == .exited(1))
        let sleeper = try kernel.spawn(SpawnRequest(path: "/bin/sleep", arguments: ["sleep", "30"], environment: []))
        #expect(try kernel.wait4(sleeper, options: .noHang) == nil)
        try kernel.kill(sleeper, .SIGKILL)
        #expect(try kernel.wait4(sleeper, options: [])?.status == .signaled(.SIGKILL))
    }

    @Test("spawn of a missing path throws ENOENT and leaves no child behind")
    func missingProgram() throws {
        let request = SpawnRequest(path: "/nonexistent/glassbox-program", arguments: ["x"], environment: [])
        #expect(throws: Errno.ENOENT) { try kernel.spawn(request) }
        #expect(try unexecutedChildren().isEmpty)
        #expect(throws: Errno.ENOENT) { try kernel.execve(request.path, request.arguments, []) }
    }

    @Test("EBADF is Glassbox's bug, not an operating error: closing a descriptor it does not own traps")
    func badDescriptorTraps() async {
        await #expect(processExitsWith: .failure) {
            try? LinuxKernel().close(FileDescriptor(1_000_000))
        }
    }

    @Test("spawn passes argv, envp, the working directory and a new session to the child")
    func spawnRequestReachesChild() throws {
        let script = "set -- $(cat /proc/$$/stat); echo \"$0 $GREETING $(pwd) $(( $1 == $6 ))\""
        let output = try runCapturingOutput(SpawnRequest(
            path: "/bin/sh", arguments: ["sh", "-c", script, "glassbox-child"], environment: ["GREETING=hi"],
            newSession: true, workingDirectory: "/proc"
        ))
        #expect(output == "glassbox-child hi /proc 1\n")
    }

    @Test("a spawned program starts with default signal actions and none blocked, whatever its parent ignores")
    func spawnResetsSignals() throws {
        let pipeBit: UInt64 = 1 << (Signal.SIGPIPE.rawValue - 1)
        let pipeWasIgnored = try signalSet("SigIgn", in: kernel.readTextFile("/proc/self/status")) & pipeBit != 0
        try kernel.ignoreSignal(.SIGPIPE, true)
        defer { try? kernel.ignoreSignal(.SIGPIPE, pipeWasIgnored) }
        let status = try runCapturingOutput(SpawnRequest(
            path: "/bin/sh", arguments: ["sh", "-c", "exec cat /proc/self/status"], environment: []
        ))
        // Signals 1-31; glibc keeps 32 and 33 for itself and refuses to change them.
        let standardSignals: UInt64 = 1 << 31 - 1
        #expect(signalSet("SigIgn", in: status) & standardSignals == 0)
        #expect(signalSet("SigBlk", in: status) == 0)
    }

    @Test("file actions copy the parent's descriptors even when a target is another action's source")
    func overlappingFileActions() throws {
        let first = try kernel.pipe(closeOnExec: true)
        let second = try kernel.pipe(closeOnExec: true)
        let request = SpawnRequest(
            path: "/bin/sh", arguments: ["sh", "-c", "echo one"], environment: [],
            fileActions: [.duplicate(second.write, to: first.write), .duplicate(first.write, to: .standardOutput)]
        )
        let pid = try kernel.spawn(request)
        try kernel.close(first.write)
        try kernel.close(second.write)
        #expect(try kernel.wait4(pid, options: [])?.status == .exited(0))
        #expect(try kernel.readAll(first.read) == Array("one\n".utf8))
        #expect(try kernel.readAll(second.read).isEmpty)
        try kernel.close(first.read)
        try kernel.close(second.read)
    }

    @Test("a UNIX socket carries bytes and a descriptor (SCM_RIGHTS), received close-on-exec")
    func unixSocketPassesDescriptors() throws {
        try withTemporaryDirectory { directory in
            let address = SocketAddress.unix(directory + "/control.sock")
            let listener = try kernel.socket(.unix, .stream, closeOnExec: true)
            defer { try? kernel.close(listener) }
            try kernel.bind(listener, address)
            try kernel.listen(listener, backlog: 4)
            #expect(try kernel.getsockname(listener) == address)
            #expect(try kernel.stat(directory + "/control.sock").kind == .socket)

            let client = try kernel.socket(.unix, .stream, closeOnExec: true)
            defer { try? kernel.close(client) }
            try kernel.connect(client, address)
            let server = try kernel.accept(listener, closeOnExec: true)
            defer { try? kernel.close(server) }

            let pipe = try kernel.pipe(closeOnExec: true)
            #expect(try kernel.sendmsg(client, Array("fd".utf8), fds: [pipe.read]) == 2)
            try kernel.close(pipe.read)
            let (bytes, fds) = try kernel.recvmsg(server, count: 16)
            #expect(bytes == Array("fd".utf8))
            try #require(fds.count == 1)
            try kernel.writeAll(pipe.write, "through the passed descriptor")
            try kernel.close(pipe.write)
            #expect(try kernel.readAll(fds[0]) == Array("through the passed descriptor".utf8))
            #expect(try isCloseOnExec(fds[0]))
            try kernel.close(fds[0])
        }
    }

    @Test("a UNIX socket path longer than sun_path is ENAMETOOLONG")
    func unixPathTooLong() throws {
        let socket = try kernel.socket(.unix, .stream, closeOnExec: true)
        defer { try? kernel.close(socket) }
        #expect(throws: Errno.ENAMETOOLONG) {
            try kernel.bind(socket, .unix("/tmp/" + String(repeating: "x", count: 120)))
        }
    }

    @Test("TCP on loopback: bind to port 0, getsockname reports the port, connect and accept")
    func tcpLoopback() throws {
        let listener = try kernel.socket(.inet, .stream, closeOnExec: true)
        defer { try? kernel.close(listener) }
        try kernel.bind(listener, .inet(host: SocketAddress.loopback, port: 0))
        try kernel.listen(listener, backlog: 4)
        guard case let .inet(host, port) = try kernel.getsockname(listener) else {
            Issue.record("getsockname of an AF_INET socket is not an inet address")
            return
        }
        #expect(host == SocketAddress.loopback && port != 0)
        let client = try kernel.socket(.inet, .stream, closeOnExec: true)
        defer { try? kernel.close(client) }
        try kernel.connect(client, .inet(host: SocketAddress.loopback, port: port))
        let server = try kernel.accept(listener, closeOnExec: true)
        defer { try? kernel.close(server) }
        try kernel.writeAll(client, "GET /_ping")
        try kernel.shutdown(client, .write)
        #expect(try kernel.readAll(server) == Array("GET /_ping".utf8))
    }

    @Test("threads share a lock and its condition")
    func threadsAndLocks() throws {
        let shared = SharedCounter(lock: kernel.makeLock())
        let threads = 4
        for index in 0..<threads {
            try kernel.spawnThread(name: "worker-\(index)") { _ in
                for _ in 0..<1000 { shared.lock.withLock { shared.total += 1 } }
                shared.lock.withLock {
                    shared.finished += 1
                    shared.lock.broadcast()
                }
            }
        }
        shared.lock.lock()
        while shared.finished < threads { shared.lock.waitOnHost() }
        let total = shared.total
        shared.lock.unlock()
        #expect(total == threads * 1000)
    }

    @Test("clocks advance across nanosleep; getrandom differs between calls; unknown rlimit is EINVAL")
    func timeAndRandomness() throws {
        let before = kernel.clockGettime(.monotonic)
        try kernel.nanosleep(2_000_000)
        #expect(kernel.clockGettime(.monotonic) - before >= 2_000_000)
        #expect(kernel.clockGettime(.realtime) > 1_600_000_000 * 1_000_000_000)
        #expect(kernel.getrandom(32) != kernel.getrandom(32))
        #expect(throws: Errno.EINVAL) { try kernel.setrlimit(ResourceLimit(resource: "RLIMIT_BOGUS", soft: 1, hard: 1)) }
        #expect(kernel.uname().sysname == "Linux")
    }

    @Test("a child spawned with a new UTS namespace sets its hostname without changing the host's",
          .enabled(if: isRoot, "needs root (CAP_SYS_ADMIN) for CLONE_NEWUTS"))
    func utsNamespaceChild() throws {
        let host = kernel.uname().nodename
        let output = try runCapturingOutput(SpawnRequest(
            path: "/bin/sh",
            arguments: ["sh", "-c", "echo glassbox-uts > /proc/sys/kernel/hostname && cat /proc/sys/kernel/hostname"],
            environment: [], namespaces: .uts
        ))
        #expect(output == "glassbox-uts\n")
        #expect(kernel.uname().nodename == host)
    }

    @Test("a child spawned with a new pid namespace is its pid 1",
          .enabled(if: isRoot, "needs root (CAP_SYS_ADMIN) for CLONE_NEWPID"))
    func pidNamespaceChild() throws {
        let output = try runCapturingOutput(SpawnRequest(
            path: "/bin/sh", arguments: ["sh", "-c", "echo $$ $PPID"], environment: [], namespaces: .pid
        ))
        #expect(output == "1 0\n")
    }

    @Test("unshare(uts) and sethostname on one thread leave the other threads' hostname alone",
          .enabled(if: isRoot, "needs root (CAP_SYS_ADMIN) for unshare(CLONE_NEWUTS)"))
    func utsNamespaceThread() throws {
        let host = kernel.uname().nodename
        let seen = try onNewThread { kernel in
            try kernel.unshare(.uts)
            try kernel.sethostname("glassbox-thread")
            return kernel.uname().nodename
        }
        #expect(seen == "glassbox-thread")
        #expect(kernel.uname().nodename == host)
    }

    @Test("capset on one thread drops an effective and a bounding capability there only",
          .enabled(if: isRoot, "needs root for a full capability set to drop from"))
    func capabilitiesPerThread() throws {
        let before = try kernel.capget()
        #expect(before.effective.contains(.chown) && before.bounding.contains(.sysChroot))
        let after = try onNewThread { kernel in
            var sets = try kernel.capget()
            sets.effective.remove(.chown)
            sets.bounding.remove(.sysChroot)
            try kernel.capset(sets)
            return try kernel.capget()
        }
        #expect(!after.effective.contains(.chown) && after.permitted.contains(.chown))
        #expect(!after.bounding.contains(.sysChroot))
        #expect(try kernel.capget() == before)
    }
}

// MARK: - Helpers, built from Kernel calls only

extension LinuxKernelTests {
    /// Runs `body` with a new directory under /tmp, removed afterwards with everything in it.
    func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let suffix = kernel.getrandom(8).map { String($0, radix: 16) }.joined()
        let directory = "/tmp/glassbox-linux-" + suffix
        try kernel.mkdir(directory, mode: 0o700)
        defer { try? kernel.removeAll(directory) }
        try body(directory)
    }

    /// The process's umask(2), read by setting it and putting it back.
    func currentUmask() -> UInt32 {
        let mask = kernel.umask(0o022)
        _ = kernel.umask(mask)
        return mask
    }

    /// Spawns `request` with its standard output on a pipe, waits for a zero exit, and returns
    /// what it wrote.
    func runCapturingOutput(_ request: SpawnRequest) throws -> String {
        var request = request
        let output = try kernel.pipe(closeOnExec: true)
        defer { try? kernel.close(output.read) }
        request.fileActions.append(.duplicate(output.write, to: .standardOutput))
        let pid: ProcessID
        do {
            pid = try kernel.spawn(request)
        } catch {
            try kernel.close(output.write)
            throw error
        }
        try kernel.close(output.write)
        let bytes = try kernel.readAll(output.read)
        #expect(try kernel.wait4(pid, options: [])?.status == .exited(0))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Children of this process that never exec'd (a forked child keeps the name, `comm`, of
    /// the thread that forked it) and have exited unreaped: what a failed spawn must not leave.
    /// Such a child exits just after reporting its errno, so one seen still running is watched
    /// for up to a second; a child that execs (another test's) takes its program's name.
    func unexecutedChildren() throws -> [ProcessID] {
        for _ in 0..<100 {
            let children = try childrenNamedLikeTheirParentThread()
            if children.allSatisfy(\.zombie) { return children.map(\.pid) }
            try kernel.nanosleep(10_000_000)
        }
        return try childrenNamedLikeTheirParentThread().map(\.pid)
    }

    private func childrenNamedLikeTheirParentThread() throws -> [(pid: ProcessID, zombie: Bool)] {
        var found: [(pid: ProcessID, zombie: Bool)] = []
        for task in try kernel.readdir("/proc/self/task") where task.name.first?.isNumber == true {
            guard let threadName = try? kernel.readTextFile("/proc/self/task/\(task.name)/comm"),
                  let children = try? kernel.readTextFile("/proc/self/task/\(task.name)/children") else { continue }
            for child in children.split(separator: " ").compactMap({ Int32($0) }) {
                guard let stat = try? kernel.readTextFile("/proc/\(child)/stat"),
                      let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"),
                      stat[stat.index(after: open)..<close] + "\n" == threadName else { continue }
                found.append((ProcessID(child), stat[close...].dropFirst(2).hasPrefix("Z")))
            }
        }
        return found
    }

    /// A signal set of /proc/PID/status (`SigIgn:`, `SigBlk:`), bit n-1 for signal n.
    func signalSet(_ field: String, in status: String) -> UInt64 {
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return UInt64(line.dropFirst(field.count + 1).trimmingPrefix(while: \.isWhitespace), radix: 16) ?? UInt64.max
    }

    /// Whether `fd` has `FD_CLOEXEC`, from `flags:` in /proc/self/fdinfo (octal, `O_CLOEXEC`).
    func isCloseOnExec(_ fd: FileDescriptor) throws -> Bool {
        let info = try kernel.readTextFile("/proc/self/fdinfo/\(fd)")
        let line = info.split(separator: "\n").first { $0.hasPrefix("flags:") } ?? ""
        let flags = Int32(line.dropFirst("flags:".count).trimmingPrefix(while: \.isWhitespace), radix: 8) ?? 0
        return flags & OpenFlags.closeOnExec.rawValue != 0
    }

    /// Runs `body` on a new thread (spawnThread) and returns its result: for state that is per
    /// thread in Linux (namespaces after unshare, capability sets).
    func onNewThread<Value: Sendable>(_ body: @escaping @Sendable (Kernel) throws -> Value) throws -> Value {
        let handoff = Handoff<Value>(lock: kernel.makeLock())
        try kernel.spawnThread(name: "glassbox-test") { kernel in
            let result = Result { try body(kernel) }
            handoff.lock.withLock {
                handoff.result = result
                handoff.lock.broadcast()
            }
        }
        handoff.lock.lock()
        defer { handoff.lock.unlock() }
        while true {
            if let result = handoff.result { return try result.get() }
            try handoff.lock.wait()
        }
    }
}

/// A total the worker threads add to under `lock`.
private final class SharedCounter: @unchecked Sendable {
    let lock: KernelLock
    var total = 0
    var finished = 0
    init(lock: KernelLock) { self.lock = lock }
}

/// One thread's result, handed to the thread waiting under `lock`.
private final class Handoff<Value: Sendable>: @unchecked Sendable {
    let lock: KernelLock
    var result: Result<Value, any Error>?
    init(lock: KernelLock) { self.lock = lock }
}
#endif

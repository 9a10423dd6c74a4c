import KernelInterface
import Testing

@Suite("Kernel contract: processes")
struct ProcessContractTests {
    @Test("wait4 reports exit statuses and signals, then ECHILD", arguments: contractBackends)
    func spawnAndWait(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let exiting = try kernel.spawn(SpawnRequest(path: backend.helperPath("exit-with"), arguments: ["exit-with", "7"], environment: []))
            try check(try kernel.wait4(exiting, options: [])?.status == .exited(7), "exit 7")
            let sleeper = try kernel.spawn(SpawnRequest(path: backend.helperPath("sleep-ms"), arguments: ["sleep-ms", "1000"], environment: []))
            try check(try kernel.wait4(sleeper, options: .noHang) == nil, "still running")
            try kernel.kill(sleeper, .SIGTERM)
            let reaped = try kernel.wait4(nil, options: [])
            try check(reaped?.pid == sleeper && reaped?.status == .signaled(.SIGTERM), "killed by SIGTERM: \(String(describing: reaped))")
            try checkErrno(.ECHILD) { try kernel.wait4(nil, options: []) }
            try checkErrno(.ESRCH) { try kernel.kill(sleeper, .SIGTERM) }
        }
    }

    @Test("exec fails ENOENT, EACCES and ENOEXEC, and runs #! scripts", arguments: contractBackends)
    func execErrors(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let request = { (path: String) in SpawnRequest(path: path, arguments: [path, "x"], environment: []) }
            try checkErrno(.ENOENT) { try kernel.spawn(request("/bin/missing")) }
            try kernel.writeFile("/tmp/plain", "not executable", mode: 0o644)
            try checkErrno(.EACCES) { try kernel.spawn(request("/tmp/plain")) }
            try checkErrno(.EACCES) { try kernel.spawn(request("/tmp")) }
            try kernel.writeFile("/tmp/garbage", "\u{1}\u{2}binary", mode: 0o755)
            try checkErrno(.ENOEXEC) { try kernel.spawn(request("/tmp/garbage")) }
            try kernel.writeFile("/tmp/bad-interpreter", "#!/bin/nowhere\n", mode: 0o755)
            try checkErrno(.ENOENT) { try kernel.spawn(request("/tmp/bad-interpreter")) }
            try kernel.writeFile("/tmp/script", "#!\(backend.helperPath("print-args")) -flag\n", mode: 0o755)
            let (readEnd, writeEnd) = try kernel.pipe(closeOnExec: true)
            let pid = try kernel.spawn(SpawnRequest(path: "/tmp/script", arguments: ["script", "one"], environment: [],
                                                    fileActions: [.duplicate(writeEnd, to: .standardOutput)]))
            try kernel.close(writeEnd)
            let output = String(decoding: try kernel.readAll(readEnd), as: UTF8.self)
            try check(output == "\(backend.helperPath("print-args")) -flag /tmp/script one", "script argv: \(output)")
            try check(try kernel.wait4(pid, options: [])?.status == .exited(0), "script exit")
            try checkErrno(.ECHILD) { try kernel.wait4(nil, options: .noHang) }
            for path in ["/tmp/plain", "/tmp/garbage", "/tmp/bad-interpreter", "/tmp/script"] { try kernel.unlink(path) }
            try kernel.close(readEnd)
        }
    }

    @Test("fork runs a program in a copy of the image: its context, its file actions, close-on-exec descriptors closed, its exit status",
          arguments: contractBackends)
    func fork(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let (output, status) = try kernel.runHelper(backend, "fork-report")
            try check(status == .exited(0), "fork-report: \(status) \(output)")
            try check(output.hasPrefix(#"["child", "one"] ["KEY=value"] pid "#), "the child's context: \(output)")
            try check(output.hasSuffix("cloexec closed; exited 42"), "descriptors and status: \(output)")
            let (inNamespace, _) = try kernel.runHelper(backend, "fork-report", ["pidns"])
            try check(inNamespace.contains(" pid 1 cloexec closed; exited 42"), "pid 1 of a new pid namespace: \(inNamespace)")
            let (threaded, _) = try kernel.runHelper(backend, "fork-report", ["threaded"])
            try check(threaded == "EINVAL", "a process with two threads cannot fork: \(threaded)")
        }
    }

    @Test("close-on-exec descriptors are not inherited, others are", arguments: contractBackends)
    func closeOnExec(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let (readEnd, writeEnd) = try kernel.pipe(closeOnExec: true)
            let pid = try kernel.spawn(SpawnRequest(path: backend.helperPath("exit-with"), arguments: ["exit-with", "0"], environment: []))
            try kernel.close(writeEnd)
            try check(try kernel.read(readEnd, count: 1).isEmpty, "child did not keep the write end")
            _ = try kernel.wait4(pid, options: [])
            try kernel.close(readEnd)
        }
    }

    @Test("orphans are reparented to the nearest child subreaper", arguments: contractBackends)
    func subreaper(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.setChildSubreaper()
            let (output, status) = try kernel.runHelper(backend, "spawn-orphan", [backend.helperPath("sleep-ms")])
            try check(status == .exited(0), "middle exit")
            guard let grandchild = Int32(output) else { throw TestFailure("no pid in \(output)") }
            let reaped = try kernel.wait4(nil, options: [])
            try check(reaped?.pid == ProcessID(grandchild) && reaped?.status == .exited(0), "reaped the orphan: \(String(describing: reaped))")
        }
    }

    @Test("a child spawned with a parent-death signal gets it when its parent ends", arguments: contractBackends)
    func parentDeathSignal(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.setChildSubreaper()
            let (output, status) = try kernel.runHelper(backend, "spawn-doomed", [backend.helperPath("sleep-ms"), "60000"])
            try check(status == .exited(0), "middle exit")
            guard let grandchild = Int32(output) else { throw TestFailure("no pid in \(output)") }
            let reaped = try kernel.wait4(ProcessID(grandchild), options: [])
            try check(reaped?.status == .signaled(.SIGKILL), "killed with its parent, not after its sleep: \(String(describing: reaped))")
        }
    }

    @Test("a pid namespace's init ignores SIGTERM but dies of SIGKILL", arguments: contractBackends)
    func namespaceInitSignals(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let pid = try kernel.spawn(SpawnRequest(path: backend.helperPath("sleep-ms"), arguments: ["sleep-ms", "100000"], environment: [], namespaces: .pid))
            try kernel.kill(pid, .SIGTERM)
            try kernel.nanosleep(1_000_000)
            try check(try kernel.wait4(pid, options: .noHang) == nil, "SIGTERM ignored")
            try kernel.kill(pid, .SIGKILL)
            try check(try kernel.wait4(pid, options: [])?.status == .signaled(.SIGKILL), "SIGKILL")
        }
    }

    @Test("threads share memory under a lock and wake on broadcast", arguments: contractBackends)
    func locksAndThreads(backend: any KernelBackend) throws {
        try backend.run { kernel in
            final class Shared: @unchecked Sendable {
                var counter = 0
                var finished = 0
            }
            let shared = Shared()
            let lock = kernel.makeLock()
            for index in 0..<3 {
                try kernel.spawnThread(name: "worker-\(index)") { threadKernel in
                    for _ in 0..<20 {
                        lock.withLock {
                            let seen = shared.counter
                            _ = threadKernel.getpid()
                            shared.counter = seen + 1
                        }
                    }
                    lock.withLock {
                        shared.finished += 1
                        lock.broadcast()
                    }
                }
            }
            lock.lock()
            while shared.finished < 3 { try lock.wait() }
            lock.unlock()
            try check(shared.counter == 60, "counter \(shared.counter)")
        }
    }

    @Test("setsid makes a new session; comm follows exec and setProcessName", arguments: contractBackends)
    func sessionsAndNames(backend: any KernelBackend) throws {
        try backend.run { kernel in
            // prctl(PR_SET_NAME) names the calling thread; a program's main thread names the
            // process, so the helper renames itself from its main thread.
            let renamed = try kernel.runHelper(backend, "rename-self", ["a-rather-long-process-name"])
            try check(renamed.output.hasPrefix("a-rather-long-p\n"), "comm is cut to 15 bytes: \(renamed.output)")
            try check(renamed.output.contains(" (a-rather-long-p) "), "stat shows the name: \(renamed.output)")
            let stat = try kernel.readTextFile("/proc/self/stat")
            try check(stat.hasPrefix("\(kernel.getpid().rawValue) ("), "stat: \(stat)")
            let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
            try check(fields.count > 1 && fields[1] == "0", "pid 1's parent is outside its namespace: \(stat)")
            try check(stat.split(separator: " ").count >= 22, "22 fields or more")
            try check(try kernel.readFile("/proc/self/cmdline").last == 0, "cmdline is NUL-terminated")
            try check(try kernel.stat("/proc/self/exe").kind == .regular, "exe names the program file")
        }
    }
}

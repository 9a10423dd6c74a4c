import KernelInterface

/// Small programs the contract tests spawn, each a plain blocking `main` over `Kernel`. The
/// simulator installs them in /bin; on Linux they are one static multi-call executable,
/// `glassbox-contract-helper`, bound onto /bin/NAME in the fresh root of each contract run.
public enum ContractPrograms {
    public static let all: [Program] = [
        program("exit-with") { context in Int32(context.arguments.dropFirst().first ?? "0") ?? 0 },
        program("sleep-ms") { context in
            let milliseconds = Int64(context.arguments.dropFirst().first ?? "0") ?? 0
            try context.kernel.nanosleep(milliseconds * 1_000_000)
            return 0
        },
        program("print-args") { context in
            context.print(context.arguments.joined(separator: " "), terminator: "")
            return 0
        },
        program("fifo-writer") { context in
            let arguments = Array(context.arguments.dropFirst())
            let fd = try context.kernel.open(arguments[0], .writeOnly, mode: 0)
            try context.kernel.writeAll(fd, arguments[1])
            try context.kernel.close(fd)
            return 0
        },
        program("hostname-child") { context in
            try context.kernel.sethostname(context.arguments[1])
            context.print(context.kernel.uname().nodename, terminator: "")
            return 0
        },
        program("pid-namespace-report") { context in
            let kernel = context.kernel
            try kernel.mount(source: "proc", target: "/proc", fstype: "proc", flags: [], data: "")
            let pids = try kernel.readdir("/proc").compactMap { Int32($0.name) }
            let selfLink = try kernel.readlink("/proc/self")
            context.print("\(kernel.getpid().rawValue) \(kernel.getppid().rawValue) \(pids) \(selfLink)", terminator: "")
            return 0
        },
        program("mount-tmpfs") { context in
            try context.kernel.mkdirAll(context.arguments[1])
            try context.kernel.mount(source: "tmpfs", target: context.arguments[1], fstype: "tmpfs", flags: [], data: "size=1m")
            let mounts = try context.kernel.readTextFile("/proc/self/mounts")
            context.print(mounts.contains("tmpfs \(context.arguments[1]) tmpfs rw,relatime,size=1024k") ? "mounted" : mounts, terminator: "")
            return 0
        },
        /// Connects to the UNIX socket at argv[1]; a leading `@` names an abstract socket (an
        /// argument cannot carry the NUL that begins one), as ss(8) prints them.
        program("connect-to") { context in
            let fd = try context.kernel.socket(.unix, .stream, closeOnExec: true)
            let name = context.arguments[1]
            do {
                try context.kernel.connect(fd, .unix(name.hasPrefix("@") ? "\u{0}" + name.dropFirst() : name))
                context.print("connected", terminator: "")
            } catch let error as Errno {
                context.print(error.name, terminator: "")
            }
            return 0
        },
        program("readonly-proc-sys") { context in
            let kernel = context.kernel
            try kernel.mount(source: "/proc/sys", target: "/proc/sys", fstype: "", flags: [.bind, .recursive], data: "")
            try kernel.mount(source: "/proc/sys", target: "/proc/sys", fstype: "", flags: [.bind, .remount, .readOnly], data: "")
            do {
                try kernel.writeFile("/proc/sys/kernel/hostname", "nope")
                context.print("written", terminator: "")
            } catch let error as Errno {
                context.print(error.name, terminator: "")
            }
            return 0
        },
        /// Renames itself to argv[1] from its main thread, then prints its comm and stat.
        program("rename-self") { context in
            try context.kernel.setProcessName(context.arguments[1])
            try context.kernel.writeAll(.standardOutput, try context.kernel.readFile("/proc/self/comm"))
            try context.kernel.writeAll(.standardOutput, try context.kernel.readFile("/proc/self/stat"))
            return 0
        },
        program("cat") { context in
            for path in context.arguments.dropFirst() { try context.kernel.writeAll(.standardOutput, try context.kernel.readFile(path)) }
            return 0
        },
        /// Spawns the helper at argv[1] (sleep-ms) and exits at once, leaving it an orphan.
        program("spawn-orphan") { context in
            let pid = try context.kernel.spawn(SpawnRequest(path: context.arguments[1], arguments: ["sleep-ms", "5"], environment: []))
            context.print("\(pid.rawValue)", terminator: "")
            return 0
        },
        /// Spawns the helper at argv[1] (sleep-ms argv[2]) with PR_SET_PDEATHSIG = SIGKILL,
        /// prints its pid and exits at once.
        program("spawn-doomed") { context in
            let pid = try context.kernel.spawn(SpawnRequest(
                path: context.arguments[1], arguments: ["sleep-ms", context.arguments[2]], environment: [], parentDeathSignal: .SIGKILL))
            context.print("\(pid.rawValue)", terminator: "")
            return 0
        },
        /// Forks a program (argv[1] "pidns" gives it a new pid namespace) with its stdout on a
        /// pipe: the child prints its context, its pid and whether it still has the parent's
        /// close-on-exec descriptor, then exits 42. Prints what the child printed and the
        /// child's exit status. With argv[1] "threaded", forks while a second thread runs and
        /// prints the errno.
        program("fork-report") { context in
            let kernel = context.kernel
            let mode = context.arguments.dropFirst().first ?? ""
            if mode == "threaded" {
                let lock = kernel.makeLock()
                nonisolated(unsafe) var released = false
                try kernel.spawnThread(name: "second") { threadKernel in
                    lock.lock()
                    while !released { try? lock.wait() }
                    lock.unlock()
                }
                defer { lock.withLock { released = true; lock.broadcast() } }
                do {
                    _ = try kernel.fork(SpawnRequest(path: "/bin/fork-report", arguments: ["child"], environment: []),
                                        running: Program(name: "child", participant: nil) { _ in 0 })
                    context.print("forked", terminator: "")
                } catch let error as Errno {
                    context.print(error.name, terminator: "")
                }
                return 0
            }
            let (readEnd, writeEnd) = try kernel.pipe(closeOnExec: true)
            let kept = try kernel.open("/", [.readOnly, .directory, .closeOnExec], mode: 0)
            let child = Program(name: "forked-child", participant: nil) { childContext in
                let childKernel = childContext.kernel
                let keptIsOpen = (try? childKernel.readlink("/proc/self/fd/\(kept.rawValue)")) != nil
                childContext.print("\(childContext.arguments) \(childContext.environment) pid \(childKernel.getpid().rawValue) "
                                   + "cloexec \(keptIsOpen ? "open" : "closed")", terminator: "")
                return 42
            }
            let pid = try kernel.fork(SpawnRequest(
                path: "/bin/fork-report", arguments: ["child", "one"], environment: ["KEY=value"],
                fileActions: [.duplicate(writeEnd, to: .standardOutput)], namespaces: mode == "pidns" ? .pid : []
            ), running: child)
            try kernel.close(writeEnd)
            let output = String(decoding: try kernel.readAll(readEnd), as: UTF8.self)
            guard let (reaped, status) = try kernel.wait4(pid, options: []), reaped == pid else { return 98 }
            context.print("\(output); \(status)", terminator: "")
            return 0
        },
        program("pivot-child") { context in
            let kernel = context.kernel
            try kernel.mkdirAll("/tmp/newroot")
            try kernel.mount(source: "tmpfs", target: "/tmp/newroot", fstype: "tmpfs", flags: [], data: "")
            try kernel.mkdir("/tmp/newroot/old", mode: 0o755)
            try kernel.writeFile("/tmp/newroot/marker", "inside")
            try kernel.pivotRoot("/tmp/newroot", "/tmp/newroot/old")
            try kernel.chdir("/")
            try kernel.umount("/old", flags: .detach)
            try kernel.rmdir("/old")
            let names = try kernel.readdir("/").map(\.name).filter { $0 != "." && $0 != ".." }
            context.print("\(names) \(try kernel.readTextFile("/marker")) \(try kernel.getcwd())", terminator: "")
            return 0
        },
    ]

    static func program(_ name: String, _ main: @escaping @Sendable (ProcessContext) throws -> Int32) -> Program {
        Program(name: name, participant: nil) { context in
            do {
                return try main(context)
            } catch {
                context.printError("\(name): \(error)")
                return 99
            }
        }
    }
}

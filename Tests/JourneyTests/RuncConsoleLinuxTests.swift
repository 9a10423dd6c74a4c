import KernelInterface
import LinuxKernel
import Testing
import Trace

/// runc's console socket on this machine, as containerd's shim uses it: the test listens on a
/// UNIX socket, runs `create --console-socket` (and `exec --detach --tty --console-socket`),
/// receives the pty master with SCM_RIGHTS, sets its window, types a line and reads the
/// container's terminal. glassbox-runc and Debian's runc run the same bundle, byte for byte.
@Suite(
    "runc's console socket on Linux: the container's terminal handed to the caller", .serialized,
    .enabled(if: RuncLinuxBundle.isRoot, "needs root: namespaces, mounts and cgroups"),
    .enabled(if: RuncLinuxBundle.hasBusybox, "needs /bin/busybox (apt-get install busybox-static)"),
    .enabled(if: RuncLinuxBundle.glassboxRunc != nil, "needs glassbox-runc beside the tests: run `swift build` first")
)
struct RuncConsoleLinuxTests {
    /// What the test types into the container's shell: its terminal's name, size, the ptmx
    /// link and the devpts instance's entries, then an exit status.
    static let typed = "tty; stty size; readlink /dev/ptmx; ls /dev/pts; echo hi-$((6*7)); exit 3\n"

    var runc: String { RuncLinuxBundle.glassboxRunc ?? "" }

    @Test("create --console-socket: the master arrives, the slave is the shell's stdio and controlling terminal from the container's devpts")
    func createWithConsole() throws {
        let fixture = try RuncLinuxBundle()
        defer { fixture.cleanUp() }
        let session = try ConsoleSession.create(fixture, runc, id: "console")
        #expect(session.name == "/dev/ptmx", "runc sends the master's name with it")
        let lines = session.transcript.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("/dev/pts/0"), "the container's own devpts: its first pty\n\(session.transcript)")
        #expect(lines.contains("33 101"), "TIOCSWINSZ on the master is what stty sees\n\(session.transcript)")
        #expect(lines.contains("pts/ptmx"), "/dev/ptmx is runc's symlink\n\(session.transcript)")
        #expect(lines.contains { $0.hasPrefix("0 ") && $0.hasSuffix(" ptmx") },
                "a new devpts instance holds only this pty\n\(session.transcript)")
        #expect(lines.contains("hi-42"), "\(session.transcript)")
        #expect(session.transcript.contains("exit 3\r\n"), "the line discipline echoes what was typed")
    }

    @Test("exec --tty --console-socket: a second terminal in the running container, its own pty")
    func execWithConsole() throws {
        let fixture = try RuncLinuxBundle()
        defer { fixture.cleanUp() }
        let root = fixture.directory + "/state"
        let id = "execd"
        try fixture.writeConfig(args: ["sleep", "100"], id: id)
        #expect(try fixture.run(runc, ["--root", root, "create", "--bundle", fixture.bundle, id]).status == 0)
        #expect(try fixture.run(runc, ["--root", root, "start", id]).status == 0)
        let session = try ConsoleSession.exec(fixture, runc, root: root, id: id, args: ["sh"])
        let lines = session.transcript.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        #expect(session.name == "/dev/ptmx")
        #expect(lines.contains("/dev/pts/0"), "the container's devpts, not the host's\n\(session.transcript)")
        #expect(lines.contains("33 101"), "\(session.transcript)")
        #expect(lines.contains("hi-42"), "\(session.transcript)")
        let delete = try fixture.run(runc, ["--root", root, "delete", "--force", id])
        #expect(delete.status == 0, "\(delete.stderr)")
    }

    @Test("Debian's runc gives the same terminal: the same bytes on the master for create and exec",
          .enabled(if: RuncLinuxBundle.debianRunc != nil, "needs Debian's runc (apt-get install runc)"))
    func sameAsDebianRunc() throws {
        let fixture = try RuncLinuxBundle()
        defer { fixture.cleanUp() }
        var created: [ConsoleSession] = [], execd: [ConsoleSession] = []
        for (runtime, id) in [(runc, "ours"), (RuncLinuxBundle.debianRunc ?? "", "theirs")] {
            created.append(try ConsoleSession.create(fixture, runtime, id: id))
            let root = fixture.directory + "/state-exec-" + id
            try fixture.writeConfig(args: ["sleep", "100"], id: id + "-x")
            #expect(try fixture.run(runtime, ["--root", root, "create", "--bundle", fixture.bundle, id + "-x"]).status == 0)
            #expect(try fixture.run(runtime, ["--root", root, "start", id + "-x"]).status == 0)
            execd.append(try ConsoleSession.exec(fixture, runtime, root: root, id: id + "-x", args: ["sh"]))
            let delete = try fixture.run(runtime, ["--root", root, "delete", "--force", id + "-x"])
            #expect(delete.status == 0, "\(runtime): \(delete.stderr)")
        }
        #expect(created[0].name == created[1].name)
        #expect(created[0].answer == created[1].answer && !created[0].answer.isEmpty,
                "ours: \(created[0].transcript.debugDescription)\ntheirs: \(created[1].transcript.debugDescription)")
        #expect(execd[0].answer == execd[1].answer && !execd[0].answer.isEmpty,
                "ours: \(execd[0].transcript.debugDescription)\ntheirs: \(execd[1].transcript.debugDescription)")
    }
}

/// One pty master received over a console socket, and what the container wrote on it after
/// the test typed `RuncConsoleLinuxTests.typed`.
struct ConsoleSession {
    let name: String
    let transcript: String

    /// The transcript from the echo of the typed line on. Before it busybox's line editor asks
    /// the terminal where the cursor is (ESC [6n) and, when no answer comes before the typed
    /// keys, redraws its prompt: those bytes depend on timing, not on the runtime.
    var answer: Substring {
        guard let echo = transcript.firstRange(of: "tty; stty size") else { return "" }
        return transcript[echo.lowerBound...]
    }

    /// `create --console-socket` a shell on a terminal, then `start`, type, read until the
    /// shell's side closes, delete.
    static func create(_ fixture: RuncLinuxBundle, _ runtime: String, id: String) throws -> ConsoleSession {
        let root = fixture.directory + "/state-" + id
        try fixture.writeConfig(args: ["sh"], id: id, terminal: true)
        return try receiving(fixture, socket: fixture.directory + "/console-" + id + ".sock") { socket throws in
            let create = try fixture.run(runtime, ["--root", root, "create", "--bundle", fixture.bundle, "--console-socket", socket, id])
            #expect(create.status == 0, "\(runtime) create: \(create.stderr)")
        } started: { () throws in
            let start = try fixture.run(runtime, ["--root", root, "start", id])
            #expect(start.status == 0)
        } ended: { () throws in
            let stopped = try fixture.waitForStatus("stopped", runtime, root: root, id: id)
            #expect(stopped)
            let delete = try fixture.run(runtime, ["--root", root, "delete", id])
            #expect(delete.status == 0)
        }
    }

    /// `exec --detach --tty --console-socket` in a running container, as the shim runs it.
    /// The exec'd process outlives `runc exec`; without a shim as subreaper its parent is the
    /// host's init, so the session ends when that has reaped it (a zombie in the container's
    /// pid namespace would keep `delete --force` waiting on the container's init).
    static func exec(_ fixture: RuncLinuxBundle, _ runtime: String, root: String, id: String, args: [String]) throws -> ConsoleSession {
        let pidFile = fixture.directory + "/exec-" + id + ".pid"
        return try receiving(fixture, socket: fixture.directory + "/console-exec-" + id + ".sock") { socket throws in
            let exec = try fixture.run(runtime, ["--root", root, "exec", "--detach", "--pid-file", pidFile, "--tty", "--console-socket", socket, id] + args)
            #expect(exec.status == 0, "\(runtime) exec: \(exec.stderr)")
        } started: {} ended: { () throws in
            let pid = (try? fixture.kernel.readTextFile(pidFile)).flatMap { Int32($0) } ?? 0
            for _ in 0..<200 where pid > 0 && fixture.kernel.exists("/proc/\(pid)") { try fixture.kernel.nanosleep(50_000_000) }
        }
    }

    /// Listens on `socket`, runs `launch` (the runtime connects and its init sends the master,
    /// which waits in the socket's queue), receives the master, sets a 33x101 window, runs
    /// `started`, types the line and reads the master until EIO (no slave left) or 10 s.
    private static func receiving(_ fixture: RuncLinuxBundle, socket: String, launch: (String) throws -> Void,
                                  started: () throws -> Void, ended: () throws -> Void) throws -> ConsoleSession {
        let kernel = fixture.kernel
        let listener = try kernel.socket(.unix, .stream, closeOnExec: true)
        defer { try? kernel.close(listener) }
        try kernel.bind(listener, .unix(socket))
        try kernel.listen(listener, backlog: 1)
        try launch(socket)
        guard try !kernel.pollReadable([listener], timeoutNanoseconds: 10_000_000_000).isEmpty else {
            Issue.record("the runtime never connected to the console socket")
            return ConsoleSession(name: "", transcript: "")
        }
        let connection = try kernel.accept(listener, closeOnExec: true)
        defer { try? kernel.close(connection) }
        let (name, fds) = try kernel.recvmsg(connection, count: 4096)
        guard let master = fds.first else {
            Issue.record("no descriptor came with the console socket's message")
            return ConsoleSession(name: String(decoding: name, as: UTF8.self), transcript: "")
        }
        defer { try? kernel.close(master) }
        try kernel.setWindowSize(master, rows: 33, columns: 101)
        try started()
        var transcript: [UInt8] = []
        var typed = false
        let deadline = kernel.clockGettime(.monotonic) + 10_000_000_000
        reading: while kernel.clockGettime(.monotonic) < deadline {
            // Type once the prompt shows, as a person would: before it the shell's line editor
            // is not yet reading, and the echo would depend on timing.
            if !typed, String(decoding: transcript, as: UTF8.self).contains("# ") {
                try kernel.writeAll(master, Array(RuncConsoleLinuxTests.typed.utf8))
                typed = true
            }
            guard try !kernel.pollReadable([master], timeoutNanoseconds: 100_000_000).isEmpty else { continue }
            do {
                let bytes = try kernel.read(master, count: 4096)
                if bytes.isEmpty { break reading }
                transcript += bytes
            } catch Errno.EIO {
                break reading
            }
        }
        #expect(typed, "the shell showed its prompt: \(String(decoding: transcript, as: UTF8.self).debugDescription)")
        try ended()
        return ConsoleSession(name: String(decoding: name, as: UTF8.self), transcript: String(decoding: transcript, as: UTF8.self))
    }
}

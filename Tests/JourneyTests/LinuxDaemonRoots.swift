import Foundation
import LinuxKernel
import Testing
import TestSupport

/// A glassbox-dockerd of a test's own on this machine, as root: its socket, data root, exec
/// root, pidfile and log under one directory of the test, so that its containerd and shims are
/// told apart from any other suite's by their socket path. Whatever a failed test left (its
/// dockerd, the shims and mounts of its roots, the directory) goes when this is released.
final class LinuxDaemonRoots {
    let directory: URL
    var socket: String { directory.appendingPathComponent("gb.sock").path }
    var dataRoot: String { directory.appendingPathComponent("data").path }
    var execRoot: String { directory.appendingPathComponent("exec").path }
    var pidfile: String { directory.appendingPathComponent("dockerd.pid").path }
    var log: String { directory.appendingPathComponent("dockerd.log").path }
    /// What the shims of this test's containerd carry on their command line.
    var ownContainerd: String { "-address \(execRoot)/containerd/containerd.sock" }
    /// The dockerd started last.
    private(set) var daemon: Process?

    init(_ name: String) {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("glassbox-\(name)-\(getpid())")
    }

    deinit {
        if let daemon, daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) }
        for shim in shims() { kill(shim.pid, SIGKILL) }
        for mount in mounts() { _ = umount2(mount, Int32(MNT_DETACH)) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// A dockerd on these roots, its stderr appended to the one log; waits for its socket.
    func startDaemon(_ extraArguments: [String] = []) throws -> Process {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: log) { _ = FileManager.default.createFile(atPath: log, contents: nil) }
        let output = try #require(FileHandle(forWritingAtPath: log))
        output.seekToEndOfFile()
        let process = Process()
        process.executableURL = LinuxHost.build?.appendingPathComponent("glassbox-dockerd")
        process.arguments = ["-H", "unix://" + socket, "--data-root", dataRoot, "--exec-root", execRoot,
                             "--registry-listen", "127.0.0.1:0"] + extraArguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = output
        try process.run()
        daemon = process
        for _ in 0..<250 where !FileManager.default.fileExists(atPath: socket) { usleep(20_000) }
        return process
    }

    /// `glassbox --kernel linux ARGS` against this dockerd.
    func glassbox(_ arguments: [String]) throws -> HostCommand.Outcome {
        let program = try #require(LinuxHost.build?.appendingPathComponent("glassbox").path)
        let environment = HostCommand.inheritedEnvironment.filter { !$0.hasPrefix("GLASSBOX_HOST=") } + ["GLASSBOX_HOST=unix://" + socket]
        return try HostCommand.run(program, ["--kernel", "linux"] + arguments, environment: environment, timeLimitSeconds: 120)
    }

    /// The shims of this dockerd's containerd.
    func shims() -> [(pid: Int32, ppid: Int32)] {
        LinuxJourneyTests.processes(named: "glassbox-shim", commandContaining: ownContainerd)
    }

    /// The mount points under these roots.
    func mounts() -> [String] {
        ((try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count > 4, fields[4].hasPrefix(directory.path) else { return nil }
            return String(fields[4])
        }
    }

    /// What dockerd wrote to its standard error.
    var logText: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
}

import KernelInterface
import LinuxKernel
import Testing
import Trace

/// `docker run -it` and `docker exec -it` typed by a person at a real terminal (tmux), the
/// real docker CLI against a real glassbox-dockerd on this host: the container's shell on a
/// pty whose master runc handed to the shim, raw streams through containerd and dockerd, the
/// CLI's raw mode, its POST …/resize on SIGWINCH.
@Suite(
    "docker run -it and exec -it from the real docker CLI in a terminal, against glassbox-dockerd on Linux", .serialized,
    .enabled(if: DockerCLIDaemon.isRoot, "needs root: dockerd mounts overlays and makes cgroups"),
    .enabled(if: DockerCLIDaemon.docker != nil, "needs the docker CLI on PATH (/usr/local/bin or /usr/bin)"),
    .enabled(if: DockerCLIDaemon.hasDockerd, "needs glassbox-dockerd beside the tests: run `swift build` first"),
    .enabled(if: TmuxPane.tmux != nil, "needs tmux (apt-get install tmux)")
)
struct DockerCLITerminalTests {
    @Test("run -it busybox sh: typed commands run, the window size and its change reach stty, exit 3 comes back, the terminal is restored")
    func interactiveRun() throws {
        let daemon = try DockerCLIDaemon()
        defer { daemon.stop() }
        try DockerCLITerminalScenarios.interactiveRun(daemon)
    }

    @Test("exec -it web sh: a shell on a terminal of its own in a running container, resized, exit 4")
    func interactiveExec() throws {
        let daemon = try DockerCLIDaemon()
        defer { daemon.stop() }
        try DockerCLITerminalScenarios.interactiveExec(daemon)
    }

    @Test("the glassbox client: glassbox --kernel linux run -it and exec -it against the same glassbox-dockerd, resized on SIGWINCH",
          .enabled(if: SimServeDaemon.glassbox != nil, "needs the glassbox executable beside the tests"))
    func glassboxClient() throws {
        let daemon = try DockerCLIDaemon()
        defer { daemon.stop() }
        let glassbox = (SimServeDaemon.glassbox ?? "glassbox") + " --kernel linux"
        #expect(try daemon.docker(["pull", "busybox"]).status == 0)
        try DockerCLITerminalScenarios.session(daemon, command: glassbox + " run -it --rm busybox sh", status: 3)
        #expect(try daemon.docker(["run", "-d", "--name", "web", "busybox", "sleep", "300"]).status == 0)
        try DockerCLITerminalScenarios.session(daemon, command: glassbox + " exec -it web sh", status: 4)
    }
}

/// The same keys against `glassbox sim serve`: the simulated pty (its line discipline, echo,
/// window size and SIGWINCH) behind the same Engine API, no root needed.
@Suite(
    "docker run -it and exec -it from the real docker CLI in a terminal, against glassbox sim serve", .serialized,
    .enabled(if: DockerCLIDaemon.docker != nil, "needs the docker CLI on PATH (/usr/local/bin or /usr/bin)"),
    .enabled(if: SimServeDaemon.glassbox != nil, "needs the glassbox executable beside the tests: run `swift build` first"),
    .enabled(if: TmuxPane.tmux != nil, "needs tmux (apt-get install tmux)")
)
struct SimServeTerminalTests {
    @Test("run -it busybox sh on the simulated machine: typed commands, window size and resize, exit 3, the terminal restored")
    func interactiveRun() throws {
        let daemon = try SimServeDaemon()
        defer { daemon.remove() }
        try DockerCLITerminalScenarios.interactiveRun(daemon)
    }

    @Test("exec -it web sh on the simulated machine: its own terminal, resized, exit 4")
    func interactiveExec() throws {
        let daemon = try SimServeDaemon()
        defer { daemon.remove() }
        try DockerCLITerminalScenarios.interactiveExec(daemon)
    }
}

/// `glassbox run -it` on the simulator, typed at a real terminal: each command boots a fresh
/// machine, in real time because it waits for keys, with the client on a pty of the machine
/// bridged to the host's terminal (SimJourney+Terminal.swift), its SIGWINCH included.
@Suite(
    "glassbox run -it on the simulated kernel in a real terminal", .serialized,
    .enabled(if: SimServeDaemon.glassbox != nil, "needs the glassbox executable beside the tests: run `swift build` first"),
    .enabled(if: TmuxPane.tmux != nil, "needs tmux (apt-get install tmux)")
)
struct SimTerminalClientTests {
    @Test("glassbox run -it busybox sh: a prompt, typed commands, the window size and its change, exit 3, the terminal restored")
    func interactiveRun() throws {
        try DockerCLITerminalScenarios.session(environment: [], command: (SimServeDaemon.glassbox ?? "glassbox") + " run -it --rm busybox sh", status: 3)
    }
}

/// The terminal scenarios, run against glassbox-dockerd on Linux (above) and against
/// `glassbox sim serve` (SimServeTerminalTests): the same keys, the same screens.
enum DockerCLITerminalScenarios {
    static func interactiveRun(_ daemon: some DockerDaemonUnderTest) throws {
        #expect(try daemon.docker(["pull", "busybox"]).status == 0)
        try session(daemon, command: "docker run -it --rm busybox sh", status: 3)
        #expect(try daemon.docker(["ps", "-aq"]).stdout == "", "--rm removed the container")
    }

    static func interactiveExec(_ daemon: some DockerDaemonUnderTest) throws {
        #expect(try daemon.docker(["pull", "busybox"]).status == 0)
        let web = try daemon.docker(["run", "-d", "--name", "web", "busybox", "sleep", "300"])
        #expect(web.status == 0, "\(web.stderr)")
        defer { _ = try? daemon.docker(["rm", "-f", "web"]) }
        try session(daemon, command: "docker exec -it web sh", status: 4)
        #expect(try daemon.docker(["inspect", "--format", "{{.State.Status}}", "web"]).stdout == "running\n",
                "the exec'd shell's exit leaves the container running")
    }

    /// In a fresh pane: `stty -a` saved, `command` started, a line with arithmetic typed at the
    /// container's prompt (`busybox stty`: the simulator's busybox image links no `stty`), the window resized and `stty size` asked again, the shell exited with
    /// `status`; then the pane's own shell reports that status and a second `stty -a` equals the
    /// first (the CLI put the terminal back from raw mode).
    static func session(_ daemon: some DockerDaemonUnderTest, command: String, status: Int) throws {
        try session(environment: ["DOCKER_HOST=" + daemon.host, "GLASSBOX_HOST=" + daemon.host], command: command, status: status)
    }

    static func session(environment: [String], command: String, status: Int) throws {
        let pane = try TmuxPane(environment: environment + ["PATH=/usr/local/bin:/usr/bin:/bin"])
        defer { pane.close() }
        try pane.type("stty -a > \(pane.directory)/before")
        try pane.clear()
        try pane.type(command)
        let prompt = try pane.waitFor { $0.contains { $0.hasPrefix("/ #") } }
        #expect(prompt.contains { $0.hasPrefix("/ #") }, "the container's shell prompts:\n\(prompt.joined(separator: "\n"))")

        let size = try pane.size()
        try pane.type("busybox stty size; echo hi-$((6*7))")
        let ran = try pane.waitForRow("hi-42")
        let screen = try pane.screen()
        #expect(ran, "the typed line ran: \(screen.joined(separator: "\n"))")
        #expect(screen.contains(size), "the pane's size (\(size)) is the container's terminal's: \(screen.joined(separator: "\n"))")

        try pane.resize(columns: 90, rows: 25)
        let resized = try pane.size()
        #expect(resized == "25 90")
        // The CLI gets SIGWINCH and POSTs …/resize; ask until the container's terminal agrees.
        var seen = false
        for _ in 0..<10 where !seen {
            try pane.type("busybox stty size")
            seen = try pane.waitForRow(resized, seconds: 2)
        }
        let afterResize = try pane.screen()
        #expect(seen, "the new size reached the container: \(afterResize.joined(separator: "\n"))")

        try pane.type("exit \(status)")
        _ = try pane.waitFor { $0.last(where: { !$0.isEmpty }) == "pane$" }
        try pane.type("echo \"status $?\"; stty -a > \(pane.directory)/after")
        let exited = try pane.waitForRow("status \(status)")
        let last = try pane.screen()
        #expect(exited, "the CLI exits with the shell's status: \(last.joined(separator: "\n"))")
        let kernel = TmuxPane.kernel
        _ = try pane.waitFor { _ in kernel.exists(pane.directory + "/after") }
        let before = try kernel.readTextFile(pane.directory + "/before")
        let after = (try? kernel.readTextFile(pane.directory + "/after")) ?? ""
        let original = sizeRow(before)
        #expect(!before.isEmpty && before == after.replacingSize(resized, with: original),
                "the terminal's modes are back as they were:\nbefore: \(before)\nafter: \(after)")
    }

    /// `stty -a`'s "rows N; columns M;" of the first snapshot, to compare modes, not sizes.
    static func sizeRow(_ stty: String) -> String {
        guard let rows = stty.firstRange(of: "rows "), let end = stty[rows.lowerBound...].firstRange(of: "; line") else { return "" }
        return String(stty[rows.lowerBound..<end.lowerBound])
    }
}

extension String {
    /// `stty -a` after a resize with its "rows 25; columns 90" put back to `original`.
    fileprivate func replacingSize(_ size: String, with original: String) -> String {
        let parts = size.split(separator: " ")
        guard parts.count == 2, let range = firstRange(of: "rows \(parts[0]); columns \(parts[1])") else { return self }
        var replaced = self
        replaced.replaceSubrange(range, with: original)
        return replaced
    }
}

import Testing

/// `glassbox run -it` and `exec -it` on the simulated kernel, typed on a simulated terminal:
/// the container's shell gets a pty of its own (runc's console socket, the shim's copy, raw
/// streams through dockerd), the client's terminal is raw while attached, and the window size
/// reaches the container.
@Suite("a TTY in the container on the simulated kernel", .serialized)
struct TerminalTests {
    @Test("run -it busybox sh: a prompt, the typed line echoed, output with CRLF, the shell's exit status")
    func interactiveShell() throws {
        let session = try TerminalSession.run([
            .init(arguments: ["run", "-it", "--rm", "busybox", "sh"], script: [("/ # ", "echo hi; exit 3\r")]),
        ])
        #expect(session[0].status == 3, "\(session[0].transcript)")
        #expect(session[0].transcript.hasSuffix("/ # echo hi; exit 3\r\nhi\r\n"), "\(session[0].transcript.debugDescription)")
    }

    @Test("run -t: the container's output as its terminal gives it, every newline a CRLF, in one raw stream")
    func terminalOutput() throws {
        let session = try EngineSession.run([
            ["run", "-t", "--rm", "busybox", "sh", "-c", "echo one; echo two >&2; ls /"],
            ["run", "--rm", "busybox", "sh", "-c", "echo one; echo two >&2"],
        ])
        #expect(session[0].status == 0, "\(session[0].error)")
        #expect(session[0].output.hasPrefix("one\r\ntwo\r\nbin   dev"), "\(session[0].output.debugDescription)")
        #expect(session[0].output.hasSuffix("var\r\n"), "\(session[0].output.debugDescription)")
        #expect(!session[0].error.contains("two"), "a TTY has no stderr of its own: \(session[0].error)")
        #expect(session[1].output.hasPrefix("one\n") && session[1].error.hasSuffix("two\n"),
                "without -t nothing changes: \(session[1].output.debugDescription) \(session[1].error.debugDescription)")
    }

    @Test("the client's window size reaches the container's terminal (stty size)")
    func windowSize() throws {
        let session = try TerminalSession.run([
            .init(arguments: ["run", "-it", "--rm", "busybox", "sh"], script: [("/ # ", "busybox stty size; exit\r")]),
        ])
        #expect(session[0].status == 0, "\(session[0].transcript)")
        #expect(session[0].transcript.contains("\r\n\(TerminalSession.rows) \(TerminalSession.columns)\r\n"),
                "\(session[0].transcript.debugDescription)")
    }

    @Test("exec -it: a shell on a terminal of its own in a running container")
    func interactiveExec() throws {
        let session = try TerminalSession.run([
            .init(arguments: ["run", "-d", "--name", "web", "busybox", "sleep", "300"]),
            .init(arguments: ["exec", "-it", "web", "sh"], script: [("/ # ", "busybox stty size; echo forty-two; exit 5\r")]),
            .init(arguments: ["rm", "-f", "web"]),
        ])
        #expect(session[0].status == 0)
        #expect(session[1].status == 5, "\(session[1].transcript)")
        #expect(session[1].transcript.contains("\r\nforty-two\r\n"), "\(session[1].transcript.debugDescription)")
        #expect(session[1].transcript.contains("\r\n\(TerminalSession.rows) \(TerminalSession.columns)\r\n"),
                "\(session[1].transcript.debugDescription)")
        #expect(session[2].status == 0)
    }
}

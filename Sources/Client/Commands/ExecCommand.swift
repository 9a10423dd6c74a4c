import KernelInterface
import Wire

/// `glassbox exec [-d] [-e K=V] [-w DIR] [-u USER] [--privileged] CONTAINER COMMAND [ARG...]`:
/// the docker CLI's exchange for `docker exec` (cli/command/container/exec.go):
///
///     client                                   dockerd
///       │── POST /containers/{id}/exec ────────▶│  201 {"Id": …}
///       │── POST /exec/{id}/start ─────────────▶│  101 UPGRADED, then output frames until
///       │◀════ stdout / stderr frames ══════════│  the process ends
///       │── GET /exec/{id}/json ───────────────▶│  {"ExitCode": 3, …}: the exit status
///
/// With `-d` the start answers at once and the status is 0. With `-i` what is typed goes to
/// the process, with `-t` it has a terminal and the output is one raw stream
/// (AttachedTerminal.swift). The flags end at the container's name: what follows is the
/// command, whatever it looks like.
struct ExecCommand: ClientCommand {
    static let usage = "exec [OPTIONS] CONTAINER COMMAND [ARG...]"
    static let summary = "Execute a command in a running container"
    static let parser = FlagParser([
        .bool("detach", "d"), .value("env", "e"), .value("workdir", "w"), .value("user", "u"), .bool("interactive", "i"),
        .bool("tty", "t"), .bool("privileged"), .value("detach-keys"),
    ], interspersed: false)

    var container: String
    var config: ExecConfig
    var detach: Bool

    init(_ parsed: FlagParser.Parsed) throws {
        guard parsed.arguments.count >= 2 else { throw UsageError.atLeast(2, "exec") }
        container = parsed.arguments[0]
        detach = parsed.bool("detach")
        config = ExecConfig(
            User: parsed.value("user") ?? "", Privileged: parsed.bool("privileged"), Tty: parsed.bool("tty"),
            AttachStdin: parsed.bool("interactive") && !detach,
            AttachStderr: !detach, AttachStdout: !detach, Detach: detach, DetachKeys: parsed.value("detach-keys") ?? "",
            Env: parsed.all("env"), WorkingDir: parsed.value("workdir") ?? "", Cmd: Array(parsed.arguments.dropFirst())
        )
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let created = try client.send("POST", client.path("/containers/\(percentEncode(container))/exec"), json: JSONCoding.encode(config))
        try client.check(created, expect: [201])
        let id = try JSONCoding.decode(ExecCreateResponse.self, from: created.body).Id
        let tty = config.Tty ?? false
        let start = try JSONCoding.encode(ExecStartConfig(Detach: detach, Tty: tty))
        if detach {
            let answer = try client.send("POST", client.path("/exec/\(id)/start"), json: start)
            try client.check(answer, expect: [200, 204])
            return 0
        }
        let stream = try client.guarded {
            try client.http.open("POST", client.path("/exec/\(id)/start"), headers: [
                ("Content-Type", "application/json"), ("Connection", "Upgrade"), ("Upgrade", "tcp"),
            ], body: start)
        }
        defer { stream.connection.close() }
        guard stream.status == 101 || stream.status == 200 else {
            throw EngineClient.DaemonError(status: stream.status, message: EngineClient.errorMessage(HTTPResponse(status: stream.status, body: try stream.readBody())))
        }
        let terminal = AttachedTerminal(context: context)
        let interactive = config.AttachStdin ?? false
        terminal.makeRaw(tty: tty, interactive: interactive)
        defer { terminal.restore() }
        if interactive { try terminal.copyInput(to: stream.connection) }
        if tty { terminal.monitorSize(client, "/exec/\(id)/resize") }
        try RunCommand.copyOutput(stream, tty: tty, context: context)
        let inspect = try client.decode(ExecInspectResponse.self, "GET", "/exec/\(id)/json")
        return Int32(truncatingIfNeeded: inspect.ExitCode ?? 0)
    }
}

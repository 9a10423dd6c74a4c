import KernelInterface
import Wire

/// `glassbox run`: the docker CLI's exchange for `docker run` (cli/command/container/run.go):
///
///     client                                 dockerd
///       │── HEAD /_ping ─────────────────────▶│
///       │── POST /containers/create ─────────▶│  404 No such image
///       │── POST /images/create?fromImage= ──▶│  the pull, as JSON progress lines
///       │── POST /containers/create ─────────▶│  201 {"Id": …}
///       │── POST /containers/{id}/attach ────▶│  101 UPGRADED, then a multiplexed stream
///       │── POST /containers/{id}/wait ──────▶│  200, the body comes when it exits
///       │── POST /containers/{id}/start ─────▶│  204
///       │◀════ output frames on the attach stream ═══│
///       │◀── {"StatusCode": 0} on the wait ──────────│
enum RunCommand {
    static func execute(_ arguments: [String], client: EngineClient, context: ProcessContext) -> Int32 {
        let options: RunOptions
        do {
            options = try RunOptions.parse(arguments)
        } catch {
            context.printError("glassbox: \(error).\nSee 'glassbox run --help'.")
            return 125
        }
        do {
            return try run(options, client: client, context: context)
        } catch let error as EngineClient.DaemonError {
            context.printError("glassbox: \(error).")
            return exitCode(forStartError: error.message)
        } catch {
            context.printError("glassbox: \(error).")
            return 125
        }
    }

    /// The docker CLI's mapping of a failed start to the shell's codes: 127 when the program
    /// was not found, 126 when it could not be executed, else 125.
    static func exitCode(forStartError message: String) -> Int32 {
        if message.contains("executable file not found") || message.contains("no such file or directory") { return 127 }
        if message.contains("permission denied") { return 126 }
        return 125
    }

    static func run(_ options: RunOptions, client: EngineClient, context: ProcessContext) throws -> Int32 {
        let id = try create(options, client: client, context: context)
        if options.detach {
            try start(id, client: client)
            context.print(id)
            return 0
        }
        let streams = options.interactive ? "stderr=1&stdin=1&stdout=1&stream=1" : "stderr=1&stdout=1&stream=1"
        let attach = try client.open("POST", client.path("/containers/\(id)/attach?\(streams)"),
                                     headers: [("Connection", "Upgrade"), ("Upgrade", "tcp"), ("Content-Type", "text/plain")])
        defer { attach.connection.close() }
        guard attach.status == 101 || attach.status == 200 else {
            throw EngineClient.DaemonError(status: attach.status, message: "attach answered \(attach.status) \(attach.reason)")
        }
        let terminal = AttachedTerminal(context: context)
        terminal.makeRaw(tty: options.tty, interactive: options.interactive)
        defer { terminal.restore() }
        if options.interactive { try terminal.copyInput(to: attach.connection) }
        let condition = options.remove ? "removed" : "next-exit"
        let wait = try client.open("POST", client.path("/containers/\(id)/wait?condition=\(condition)"))
        defer { wait.connection.close() }
        try start(id, client: client)
        if options.tty { terminal.monitorSize(client, "/containers/\(id)/resize") }
        try copyOutput(attach, tty: options.tty, context: context)
        let waitBody = try wait.readBody()
        guard wait.status == 200 else {
            throw EngineClient.DaemonError(status: wait.status, message: EngineClient.errorMessage(HTTPResponse(status: wait.status, body: waitBody)))
        }
        let result = try JSONCoding.decode(ContainerWaitResponse.self, from: waitBody)
        if let message = result.Error?.Message, !message.isEmpty { context.printError("glassbox: \(message)") }
        return Int32(truncatingIfNeeded: result.StatusCode)
    }

    /// `POST /containers/create`, pulling the image first when the daemon does not have it
    /// (404), as the docker CLI's createContainer does; answers the id.
    static func create(_ options: RunOptions, client: EngineClient, context: ProcessContext) throws -> String {
        try client.ping()
        let body = try JSONCoding.encode(options.createRequest)
        var target = client.path("/containers/create")
        if let name = options.name { target += "?name=" + percentEncode(name) }
        var created = try client.send("POST", target, json: body)
        if created.status == 404 {
            let (name, tag) = options.imageNameAndTag
            let reference = tag.isEmpty ? name : "\(name):\(tag)"
            context.printError("Unable to find image '\(reference)' locally")
            try PullProgress.pull(name: name, tag: tag, client: client, context: context)
            created = try client.send("POST", target, json: body)
        }
        try client.check(created, expect: [201])
        return try JSONCoding.decode(ContainerCreateResponse.self, from: created.body).Id
    }

    static func start(_ id: String, client: EngineClient) throws {
        let response = try client.send("POST", client.path("/containers/\(id)/start"))
        try client.check(response, expect: [204, 304])
    }

    /// Copies the attach stream to fds 1 and 2: demultiplexed frames without a TTY, raw bytes
    /// with one.
    static func copyOutput(_ attach: HTTPClient.OpenExchange, tty: Bool, context: ProcessContext) throws {
        if tty {
            while true {
                let bytes = try attach.connection.readSome()
                if bytes.isEmpty { return }
                try? context.kernel.writeAll(.standardOutput, bytes)
            }
        }
        while let (stream, payload) = try StreamFrame.read(from: attach.connection) {
            try? context.kernel.writeAll(stream == .stderr ? .standardError : .standardOutput, payload)
        }
    }
}

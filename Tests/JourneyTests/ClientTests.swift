import Engine
import KernelInterface
import Testing
import Trace

/// `glassbox` speaking docker's language on the simulated machine: docker's tables and
/// `--format` templates, the management forms, and docker's exit codes.
@Suite("The client: docker's commands, tables, templates and exit codes", .serialized)
struct ClientTests {
    @Test("ps shows docker's table, -q the short ids, --format a Go template, json one object a line")
    func psOutput() throws {
        let session = try EngineSession.run([
            ["run", "-d", "--name", "web", "-l", "tier=front", "busybox", "sleep", "300"],
            ["create", "--name", "idle", "busybox", "true"],
            ["ps"], ["ps", "-a"], ["ps", "-aq"], ["ps", "-a", "--format", "{{.Names}}"],
            ["ps", "--format", "table {{.Names}}\\t{{.Status}}"], ["ps", "--format", "json"],
            ["container", "ls", "-a", "-f", "status=created", "--format", "{{.Names}} {{.State}}"],
            ["ps", "--format", "{{.Nope}}"],
        ])
        #expect(session[0].status == 0, "\(session[0].error)")
        let table = session[2].output.split(separator: "\n")
        #expect(table.first == "CONTAINER ID   IMAGE     COMMAND       CREATED                  STATUS                  PORTS     NAMES",
                "\(session[2].output)")
        #expect(table.count == 2)
        #expect(table.last?.contains("\"sleep 300\"") == true)
        #expect(table.last?.contains("Up ") == true)
        #expect(table.last?.hasSuffix("web") == true)
        #expect(session[3].output.split(separator: "\n").count == 3)
        #expect(session[3].output.contains("Created"))
        let ids = session[4].output.split(separator: "\n")
        #expect(ids.count == 2 && ids.allSatisfy { $0.count == 12 })
        #expect(session[5].output == "idle\nweb\n")
        #expect(session[6].output.hasPrefix("NAMES     STATUS\n"))
        let json = try JSONParser.parse(String(session[7].output.split(separator: "\n").first ?? ""))
        #expect(json["Names"] == .string("web"))
        #expect(json["Labels"] == .string("tier=front"))
        #expect(session[8].output == "idle created\n")
        #expect(session[9].status == 1)
    }

    @Test("images, inspect -f, tag, rmi, version and info in docker's words")
    func imagesAndSystem() throws {
        let session = try EngineSession.run([
            ["pull", "busybox"], ["images"], ["tag", "busybox", "mybox:v1"], ["images", "--format", "{{.Repository}}:{{.Tag}}"],
            ["image", "inspect", "-f", "{{.Os}} {{json .RootFS.Type}}", "mybox:v1"], ["rmi", "mybox:v1"],
            ["version"], ["info"], ["inspect", "nosuch"],
        ])
        #expect(session[0].status == 0, "\(session[0].error)")
        #expect(session[0].output.hasPrefix("Using default tag: latest\n"))
        #expect(session[0].output.hasSuffix("docker.io/library/busybox:latest\n"))
        let images = session[1].output.split(separator: "\n")
        #expect(images.first?.hasPrefix("REPOSITORY   TAG       IMAGE ID       CREATED") == true, "\(session[1].output)")
        #expect(images.last?.hasPrefix("busybox      latest    ") == true)
        #expect(session[3].output.split(separator: "\n").sorted() == ["busybox:latest", "mybox:v1"])
        #expect(session[4].output == "linux \"layers\"\n")
        #expect(session[5].output == "Untagged: mybox:v1\n")
        #expect(session[6].output.contains("Server: Glassbox Engine"))
        #expect(session[6].output.contains("API version:      1.41 (minimum version 1.12)"))
        #expect(session[7].output.contains(" Images: 1"))
        #expect(session[8].status == 1)
        #expect(session[8].error.contains("Error: No such object: nosuch"))
    }

    @Test("docker's exit codes: 125 for usage, 1 for daemon errors, the container's own for run")
    func exitCodes() throws {
        let session = try EngineSession.run([
            ["ps", "--bogus"], ["rm", "nosuch"], ["stop"], ["run", "busybox", "sh", "-c", "exit 3"],
            ["run", "busybox", "nosuchprogram"], ["wait", "nosuch"], ["frobnicate"],
        ])
        #expect(session[0].status == 125)
        #expect(session[0].error.contains("unknown flag: --bogus"))
        #expect(session[1].status == 1)
        #expect(session[1].error.contains("Error response from daemon: No such container: nosuch"))
        #expect(session[2].status == 125)
        #expect(session[2].error.contains("\"stop\" requires at least 1 argument."))
        #expect(session[3].status == 3)
        #expect(session[4].status == 127)
        #expect(session[5].status == 1)
        #expect(session[6].status == 1)
    }

    @Test("stop, start, restart, kill, logs, top and container prune from the command line")
    func lifecycleCommands() throws {
        let session = try EngineSession.run([
            ["run", "-d", "--name", "web", "busybox", "sh", "-c", "echo started; sleep 300"],
            ["stop", "-t", "1", "web"], ["ps", "-a", "--format", "{{.Status}}"], ["start", "web"],
            ["top", "web"], ["kill", "-s", "KILL", "web"], ["logs", "web"], ["wait", "web"],
            ["container", "prune", "-f"], ["ps", "-aq"],
        ])
        #expect(session[0].status == 0, "\(session[0].error)")
        #expect(session[1].output == "web\n")
        #expect(session[2].output.hasPrefix("Exited ("))
        #expect(session[3].output == "web\n")
        #expect(session[4].output.hasPrefix("UID"))
        #expect(session[4].output.contains("sleep 300"))
        #expect(session[5].output == "web\n")
        #expect(session[6].output == "started\nstarted\n")
        #expect(session[7].output == "137\n")
        #expect(session[8].output.hasPrefix("Deleted Containers:\n"))
        #expect(session[9].output == "")
    }

    @Test("events prints docker's lines for what happened in a window")
    func events() throws {
        let session = try EngineSession.run([
            ["create", "--name", "ev", "busybox", "true"], ["rm", "ev"],
            ["events", "--since", "1h", "--until", "0s", "--filter", "type=container"],
        ])
        let lines = session[2].output.split(separator: "\n")
        #expect(lines.count == 2, "\(session[2].output)")
        #expect(lines.first?.contains(" container create ") == true)
        #expect(lines.first?.hasSuffix("(image=busybox, name=ev)") == true)
        #expect(lines.last?.contains(" container destroy ") == true)
    }
}

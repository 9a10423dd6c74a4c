import Engine
import KernelInterface
import OCI
import Testing
import Trace

/// dockerd's Engine API on the simulated machine, spoken to directly over its socket: the
/// shapes the docker CLI and SDK read, Docker's errors and statuses, and the container
/// lifecycle beyond `run` (stop, kill, restart, logs, rename, top, export, prune, events).
@Suite("Engine API: dockerd answers as Docker 20.10 does", .serialized)
struct EngineAPITests {
    static let inspectKeys = ["Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath", "HostsPath", "LogPath", "Name", "RestartCount", "Driver", "Platform", "MountLabel", "ProcessLabel", "AppArmorProfile", "ExecIDs", "HostConfig", "GraphDriver", "Mounts", "Config", "NetworkSettings"]
    static let inspectNestedKeys: [String: [String]] = [
        "State": ["Status", "Running", "Paused", "Restarting", "OOMKilled", "Dead", "Pid", "ExitCode", "Error", "StartedAt", "FinishedAt"],
        "HostConfig": ["Binds", "ContainerIDFile", "LogConfig", "NetworkMode", "PortBindings", "RestartPolicy", "AutoRemove", "VolumeDriver", "VolumesFrom", "CapAdd", "CapDrop", "CgroupnsMode", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "GroupAdd", "IpcMode", "Cgroup", "Links", "OomScoreAdj", "PidMode", "Privileged", "PublishAllPorts", "ReadonlyRootfs", "SecurityOpt", "UTSMode", "UsernsMode", "ShmSize", "Runtime", "ConsoleSize", "Isolation", "CpuShares", "Memory", "NanoCpus", "CgroupParent", "BlkioWeight", "BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "CpuPeriod", "CpuQuota", "CpuRealtimePeriod", "CpuRealtimeRuntime", "CpusetCpus", "CpusetMems", "Devices", "DeviceCgroupRules", "DeviceRequests", "KernelMemory", "KernelMemoryTCP", "MemoryReservation", "MemorySwap", "MemorySwappiness", "OomKillDisable", "PidsLimit", "Ulimits", "CpuCount", "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth", "MaskedPaths", "ReadonlyPaths"],
        "GraphDriver": ["Data", "Name"],
        "Config": ["Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Image", "Volumes", "WorkingDir", "Entrypoint", "OnBuild", "Labels"],
    ]

    func json(_ step: EngineSession.Step) throws -> (Int, JSONValue) {
        let space = step.output.firstIndex(of: " ") ?? step.output.endIndex
        let status = Int(step.output[..<space]) ?? 0
        let body = step.output[space...].dropFirst()
        return (status, body.isEmpty ? .null : try JSONParser.parse(String(body)))
    }

    @Test("version, info and _ping answer with and without the /v1.41 prefix")
    func systemShapes() throws {
        let session = try EngineSession.run([
            ["HTTP", "GET", "/version"], ["HTTP", "GET", "/v1.41/info"], ["HTTP", "GET", "/_ping"], ["HTTP", "GET", "/v1.41/nothing"],
        ])
        let (status, version) = try json(session[0])
        #expect(status == 200)
        #expect(version["ApiVersion"] == .string("1.41"))
        #expect(version["Components"]?.arrayValue?.first?["Name"] == .string("Engine"))
        let (_, info) = try json(session[1])
        for key in ["Containers", "ContainersRunning", "Images", "Driver", "CgroupDriver", "CgroupVersion", "NCPU", "Swarm", "ServerVersion"] {
            #expect(info[key] != nil, "info has \(key)")
        }
        #expect(session[2].output == "200 OK")
        #expect(session[3].output.hasPrefix("404 "))
    }

    @Test("malformed requests get 400 with a message, unknown images 404, and the daemon keeps serving")
    func errors() throws {
        let session = try EngineSession.run([
            ["HTTP", "POST", "/v1.41/containers/create", "{not json"],
            ["HTTP", "POST", "/v1.41/containers/create", "{\"Image\":\"busybox\",\"Cmd\":\"echo\"}"],
            ["HTTP", "POST", "/v1.41/containers/create?name=-bad", "{\"Image\":\"busybox\"}"],
            ["HTTP", "POST", "/v1.41/containers/create", "{\"Image\":\"nosuch\"}"],
            ["HTTP", "GET", "/v1.41/containers/nosuch/json"],
            ["HTTP", "GET", "/v1.41/containers/json?filters=%7Bbad"],
            ["HTTP", "POST", "/v1.41/containers/nosuch/kill?signal=SIGNOPE"],
            ["HTTP", "GET", "/_ping"],
        ])
        for index in 0..<3 {
            let (status, body) = try json(session[index])
            #expect(status == 400, "step \(index): \(session[index].output)")
            #expect(body["message"]?.stringValue?.isEmpty == false)
        }
        #expect(try json(session[1]).1["message"]?.stringValue?.contains("Cmd") == true)
        #expect(try json(session[3]) == (404, .object([("message", .string("No such image: nosuch:latest"))])))
        #expect(try json(session[4]).1["message"] == .string("No such container: nosuch"))
        #expect(try json(session[5]).0 == 400)
        #expect(try json(session[6]).0 == 404)
        #expect(session[7].output == "200 OK")
    }

    @Test("twenty concurrent creates of one name: one 201, nineteen 409, one container")
    func nameRace() throws {
        let session = try EngineSession.run([
            ["pull", "busybox"], ["RACE", "20", "web", "busybox"],
            ["HTTP", "GET", "/containers/json?all=1&filters=%7B%22name%22%3A%5B%22web%22%5D%7D"],
            ["HTTP", "POST", "/containers/create?name=web", "{\"Image\":\"busybox\"}"],
        ])
        #expect(session[0].status == 0, "\(session[0].error)")
        #expect(session[1].output == "201" + String(repeating: " 409", count: 19) + "\n")
        #expect(try json(session[2]).1.arrayValue?.count == 1)
        let conflict = try json(session[3])
        #expect(conflict.0 == 409)
        #expect(conflict.1["message"]?.stringValue?.hasPrefix("Conflict. The container name \"/web\" is already in use by container \"") == true)
    }

    @Test("inspect has every field of Docker's, with the sent HostConfig over Docker's defaults")
    func inspectShape() throws {
        let session = try EngineSession.run([
            ["create", "--name", "box", "-e", "A=b", "-l", "tier=web", "--memory", "64m", "busybox", "echo", "hi"],
            ["HTTP", "GET", "/containers/box/json"],
        ])
        #expect(session[0].status == 0, "\(session[0].error)")
        let (status, inspect) = try json(session[1])
        #expect(status == 200)
        // The keys of reference/inspect.json (Docker 20.10), top level and one level down.
        for key in EngineAPITests.inspectKeys { #expect(inspect[key] != nil, "inspect has \(key)") }
        for (key, inner) in EngineAPITests.inspectNestedKeys {
            for name in inner { #expect(inspect[key]?[name] != nil, "inspect has \(key).\(name)") }
        }
        #expect(inspect["Name"] == .string("/box"))
        #expect(inspect["State"]?["Status"] == .string("created"))
        #expect(inspect["HostConfig"]?["Memory"] == .int(64 << 20))
        #expect(inspect["HostConfig"]?["ShmSize"] == .int(67_108_864))
        #expect(inspect["HostConfig"]?["LogConfig"]?["Type"] == .string("json-file"))
        #expect(inspect["Config"]?["Labels"]?["tier"] == .string("web"))
        #expect(inspect["Config"]?["Env"]?.arrayValue?.contains(.string("A=b")) == true)
        #expect(inspect["Mounts"] == .array([]))
    }

    @Test("stop sends SIGTERM, waits t seconds of the kernel's clock, then SIGKILL; 304 when not running")
    func stopAndKill() throws {
        let session = try EngineSession.run([
            ["run", "-d", "--name", "web", "busybox", "sleep", "300"],
            ["HTTP", "GET", "/containers/json"],
            ["HTTP", "POST", "/containers/web/stop?t=1"],
            ["HTTP", "GET", "/containers/json?all=1"],
            ["HTTP", "POST", "/containers/web/stop"],
            ["HTTP", "POST", "/containers/web/kill"],
            ["HTTP", "POST", "/containers/web/restart?t=1"],
            ["HTTP", "GET", "/containers/web/json"],
            ["HTTP", "POST", "/containers/web/kill?signal=KILL"],
            ["HTTP", "GET", "/containers/web/json"],
        ])
        #expect(session[0].status == 0, "\(session[0].error)")
        let running = try json(session[1]).1.arrayValue?.first
        #expect(running?["State"] == .string("running"))
        #expect(running?["Status"]?.stringValue?.hasPrefix("Up ") == true)
        #expect(running?["Names"] == .array([.string("/web")]))
        #expect(running?["SizeRw"] == nil)
        #expect(session[2].output.hasPrefix("204"))
        let stopped = try json(session[3]).1.arrayValue?.first
        #expect(stopped?["State"] == .string("exited"))
        let status = stopped?["Status"]?.stringValue ?? ""
        #expect(status.hasPrefix("Exited (137)") || status.hasPrefix("Exited (143)"), "\(status)")
        #expect(session[4].output.hasPrefix("304"))
        #expect(session[5].output.hasPrefix("409"))
        #expect(session[6].output.hasPrefix("204"))
        #expect(try json(session[7]).1["State"]?["Running"] == .bool(true))
        #expect(session[8].output.hasPrefix("204"))
        #expect(try json(session[9]).1["State"]?["ExitCode"] == .int(137))
    }

    @Test("logs replay the json-file log as frames, with tail, timestamps and stream choice")
    func logs() throws {
        let session = try EngineSession.run([
            // The pause lets dockerd's stdout copier log "two" before "three" arrives on
            // stderr: the two streams are copied by two threads, so without it their order in
            // the log is the scheduler's choice, as with Docker.
            ["run", "--name", "talker", "busybox", "sh", "-c", "echo one; echo two; sleep 1; echo three >&2"],
            ["logs", "talker"], ["logs", "--tail", "1", "talker"], ["logs", "-t", "talker"],
            ["HTTP", "GET", "/containers/talker/logs"],
        ])
        #expect(session[0].status == 0, "\(session[0].error)")
        #expect(session[1].output == "one\ntwo\n")
        #expect(session[1].error == "three\n")
        #expect(session[2].output == "" && session[2].error == "three\n")
        #expect(session[3].output.split(separator: "\n").allSatisfy { $0.split(separator: " ").first?.hasSuffix("Z") == true })
        #expect(session[4].output.hasPrefix("400"))
    }

    @Test("rename, top, export, prune and events")
    func management() throws {
        let session = try EngineSession.run([
            ["run", "-d", "--name", "first", "busybox", "sleep", "300"],
            ["HTTP", "POST", "/containers/first/rename?name=second"],
            ["HTTP", "GET", "/containers/second/top"],
            ["HTTP", "GET", "/containers/second/export"],
            ["create", "busybox", "true"],
            ["HTTP", "POST", "/containers/prune"],
            ["events", "--since", "1h", "--until", "0s", "--format", "{{json .}}"],
            ["HTTP", "GET", "/containers/json?all=1"],
            ["HTTP", "POST", "/containers/second/resize?h=24&w=80"],
        ])
        #expect(session[1].output.hasPrefix("204"))
        let (topStatus, top) = try json(session[2])
        #expect(topStatus == 200, "\(session[2].output)")
        #expect(top["Titles"]?.arrayValue?.count == 8)
        #expect(top["Processes"]?.arrayValue?.first?.arrayValue?.last?.stringValue?.contains("sleep") == true)
        #expect(session[3].output.hasPrefix("200"))
        #expect(session[3].output.contains("bin/"))
        let (pruneStatus, prune) = try json(session[5])
        #expect(pruneStatus == 200)
        #expect(prune["ContainersDeleted"]?.arrayValue?.count == 1)
        let events = session[6].output.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
        let actions = events.map { ($0["Type"]?.stringValue ?? "") + " " + ($0["Action"]?.stringValue ?? "") }
        for expected in ["image pull", "container create", "container start", "container rename", "container destroy"] {
            #expect(actions.contains(expected), "events: \(actions)")
        }
        #expect(try json(session[7]).1.arrayValue?.count == 1)
        #expect(session[8].output.hasPrefix("200"))
    }

    @Test("import makes a one-layer image with the changes; tag, history, inspect and remove it")
    func importImage() throws {
        let tar = TarWriter.archive([.directory("bin"), .file("bin/marker", Array("imported\n".utf8))])
        let session = try EngineSession.run([
            ["import", "-c", "CMD [\"sh\"]", "-c", "ENV A=b", "-c", "WORKDIR /x", "/root/rootfs.tar", "mine:1"],
            ["tag", "mine:1", "mine:2"],
            ["HTTP", "GET", "/images/mine:1/json"],
            ["HTTP", "GET", "/images/mine:2/history"],
            ["HTTP", "DELETE", "/images/mine:1"],
            ["HTTP", "DELETE", "/images/mine:2"],
            ["HTTP", "GET", "/images/mine:2/json"],
        ], files: [("/root/rootfs.tar", tar)])
        #expect(session[0].status == 0, "\(session[0].error)")
        #expect(session[0].output.hasPrefix("sha256:"))
        #expect(session[1].status == 0, "\(session[1].error)")
        let (status, inspect) = try json(session[2])
        #expect(status == 200)
        #expect(inspect["Config"]?["Cmd"] == .array([.string("sh")]))
        #expect(inspect["Config"]?["Env"] == .array([.string("A=b")]))
        #expect(inspect["Config"]?["WorkingDir"] == .string("/x"))
        #expect(inspect["RootFS"]?["Layers"]?.arrayValue?.count == 1)
        #expect(inspect["RepoTags"] == .array([.string("mine:1"), .string("mine:2")]))
        #expect(try json(session[3]).1.arrayValue?.first?["Tags"] == .array([.string("mine:1"), .string("mine:2")]))
        #expect(try json(session[4]).1 == .array([.object([("Untagged", .string("mine:1"))])]))
        let removed = try json(session[5]).1.arrayValue ?? []
        #expect(removed.first == .object([("Untagged", .string("mine:2"))]))
        #expect(removed.contains(where: { $0["Deleted"] != nil }))
        #expect(try json(session[6]).0 == 404)
    }
}

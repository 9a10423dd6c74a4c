import KernelInterface
import Trace
import Wire

extension Handlers {
    /// `GET|HEAD /_ping`: "OK", with the headers clients negotiate the API version from.
    func ping() {
        exchange.respond(HTTPResponse(status: 200, headers: HTTPHeaders([
            ("Cache-Control", "no-cache, no-store, must-revalidate"), ("Pragma", "no-cache"),
            ("Content-Type", "text/plain; charset=utf-8"),
        ]), body: request.method == "HEAD" ? [] : Array("OK".utf8)))
    }

    static let engineVersion = "0.1.0"

    struct VersionAnswer: Codable {
        struct Component: Codable {
            var Name: String
            var Version: String
            var Details: [String: String]
        }
        var Platform: [String: String]
        var Components: [Component]
        var Version: String
        var ApiVersion: String
        var MinAPIVersion: String
        var GitCommit: String
        var GoVersion: String
        var Os: String
        var Arch: String
        var KernelVersion: String
    }

    /// `GET /version`, shaped like reference/version.json.
    func version() throws {
        let uname = kernel.uname()
        let version = Handlers.engineVersion
        try respondJSON(200, VersionAnswer(
            Platform: ["Name": "Glassbox Engine"],
            Components: [
                .init(Name: "Engine", Version: version, Details: [
                    "ApiVersion": EngineAPI.version, "MinAPIVersion": EngineAPI.minimumVersion, "Os": "linux",
                    "Arch": "amd64", "KernelVersion": uname.release, "Experimental": "false",
                ]),
                .init(Name: "containerd", Version: version, Details: ["GitCommit": ""]),
                .init(Name: "runc", Version: version, Details: ["GitCommit": ""]),
            ],
            Version: version, ApiVersion: EngineAPI.version, MinAPIVersion: EngineAPI.minimumVersion,
            GitCommit: "", GoVersion: "swift", Os: "linux", Arch: "amd64", KernelVersion: uname.release
        ))
    }

    /// `GET /info` (moby daemon/info.go), with the fields of reference/info.json the docker
    /// CLI prints: counts, storage and logging drivers, cgroup driver and version, kernel,
    /// CPUs and memory (from /proc), runtimes, an inactive swarm.
    func info() throws {
        let uname = kernel.uname()
        let (containers, running, images) = daemon.lock.withLock { () -> (Int, Int, Int) in
            let running = daemon.containers.values.filter { $0.status == .running }.count
            return (daemon.containers.count, running, daemon.images.tagsByID.count + daemon.images.untagged.count)
        }
        let cpus = ((try? kernel.readTextFile("/proc/cpuinfo")) ?? "").split(separator: "\n").filter { $0.hasPrefix("processor") }.count
        let memory = ((try? kernel.readTextFile("/proc/meminfo")) ?? "").split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") })
            .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int64($0) }.map { $0 * 1024 } ?? 0
        let cgroupVersion = kernel.exists("/sys/fs/cgroup/cgroup.controllers") ? "2" : "1"
        let strings = { (values: [String]) in JSONValue.array(values.map { .string($0) }) }
        let answer: JSONValue = .object([
            ("ID", .string("")), ("Containers", .int(Int64(containers))), ("ContainersRunning", .int(Int64(running))),
            ("ContainersPaused", .int(0)), ("ContainersStopped", .int(Int64(containers - running))), ("Images", .int(Int64(images))),
            ("Driver", .string("overlay2")), ("DriverStatus", .array([strings(["Backing Filesystem", "glassbox"])])),
            ("Plugins", .object([("Volume", strings([])), ("Network", strings(["none"])), ("Authorization", .null), ("Log", strings(["json-file"]))])),
            ("MemoryLimit", .bool(true)), ("SwapLimit", .bool(false)), ("CpuCfsPeriod", .bool(true)), ("CpuCfsQuota", .bool(true)),
            ("CPUShares", .bool(true)), ("CPUSet", .bool(false)), ("PidsLimit", .bool(true)), ("IPv4Forwarding", .bool(false)),
            ("BridgeNfIptables", .bool(false)), ("BridgeNfIp6tables", .bool(false)), ("Debug", .bool(daemon.options.debug)),
            ("NFd", .int(0)), ("OomKillDisable", .bool(false)), ("NGoroutines", .int(0)),
            ("SystemTime", .string(Timestamp.rfc3339(nanoseconds: kernel.clockGettime(.realtime)))),
            ("LoggingDriver", .string("json-file")), ("CgroupDriver", .string("cgroupfs")), ("CgroupVersion", .string(cgroupVersion)),
            ("NEventsListener", .int(0)), ("KernelVersion", .string(uname.release)), ("OperatingSystem", .string("Glassbox")),
            ("OSVersion", .string("")), ("OSType", .string("linux")), ("Architecture", .string(uname.machine)),
            ("IndexServerAddress", .string("http://\(daemon.registryAddress)/v1/")),
            ("RegistryConfig", .object([("InsecureRegistryCIDRs", strings(["127.0.0.0/8"])), ("IndexConfigs", .object([])), ("Mirrors", strings([]))])),
            ("NCPU", .int(Int64(max(cpus, 1)))), ("MemTotal", .int(memory)), ("GenericResources", .null),
            ("DockerRootDir", .string(daemon.options.dataRoot)), ("HttpProxy", .string("")), ("HttpsProxy", .string("")),
            ("NoProxy", .string("")), ("Name", .string(uname.nodename)), ("Labels", strings([])), ("ExperimentalBuild", .bool(false)),
            ("ServerVersion", .string(Handlers.engineVersion)),
            ("Runtimes", .object([("io.containerd.runc.v2", .object([("path", .string("glassbox-runc"))])), ("runc", .object([("path", .string("glassbox-runc"))]))])),
            ("DefaultRuntime", .string("runc")),
            ("Swarm", .object([("NodeID", .string("")), ("NodeAddr", .string("")), ("LocalNodeState", .string("inactive")),
                               ("ControlAvailable", .bool(false)), ("Error", .string("")), ("RemoteManagers", .null)])),
            ("LiveRestoreEnabled", .bool(false)), ("Isolation", .string("")), ("InitBinary", .string("")),
            ("ContainerdCommit", .object([("ID", .string("")), ("Expected", .string(""))])),
            ("RuncCommit", .object([("ID", .string("")), ("Expected", .string(""))])),
            ("InitCommit", .object([("ID", .string("")), ("Expected", .string(""))])),
            ("SecurityOptions", strings(["name=cgroupns"])), ("Warnings", .null),
        ])
        exchange.respond(HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]),
                                      body: Array((answer.serialized + "\n").utf8)))
    }
}

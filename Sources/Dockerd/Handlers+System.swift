import KernelInterface
import Wire

extension Handlers {
    /// `GET|HEAD /_ping`: "OK", with the headers clients negotiate the API version from.
    func ping() {
        exchange.respond(HTTPResponse(status: 200, headers: HTTPHeaders([
            ("Cache-Control", "no-cache, no-store, must-revalidate"), ("Pragma", "no-cache"),
            ("Content-Type", "text/plain; charset=utf-8"),
        ]), body: request.method == "HEAD" ? [] : Array("OK".utf8)))
    }

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
        var Os: String
        var Arch: String
        var KernelVersion: String
    }

    /// `GET /version`, shaped like reference/version.json.
    func version() throws {
        let uname = kernel.uname()
        let version = "0.1.0"
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
            GitCommit: "", Os: "linux", Arch: "amd64", KernelVersion: uname.release
        ))
    }

    struct InfoAnswer: Codable {
        var ID: String
        var Containers: Int
        var ContainersRunning: Int
        var ContainersStopped: Int
        var Images: Int
        var Driver: String
        var DockerRootDir: String
        var Name: String
        var OperatingSystem: String
        var OSType: String
        var Architecture: String
        var KernelVersion: String
        var ServerVersion: String
        var CgroupDriver: String
    }

    /// `GET /info`: the fields the CLI reads most.
    func info() throws {
        let uname = kernel.uname()
        let counts = daemon.lock.withLock { () -> (Int, Int, Int) in
            let running = daemon.containers.values.filter { $0.status == .running }.count
            return (daemon.containers.count, running, daemon.images.repositories.values.reduce(0) { $0 + $1.count })
        }
        try respondJSON(200, InfoAnswer(
            ID: "", Containers: counts.0, ContainersRunning: counts.1, ContainersStopped: counts.0 - counts.1,
            Images: counts.2, Driver: "overlay2", DockerRootDir: daemon.options.dataRoot, Name: uname.nodename,
            OperatingSystem: "Glassbox", OSType: "linux", Architecture: uname.machine, KernelVersion: uname.release,
            ServerVersion: "0.1.0", CgroupDriver: "cgroupfs"
        ))
    }
}

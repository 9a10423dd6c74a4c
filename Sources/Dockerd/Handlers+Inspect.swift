import KernelInterface
import Wire

extension Handlers {
    struct ContainerSummary: Codable {
        var Id: String
        var Names: [String]
        var Image: String
        var ImageID: String
        var Command: String
        var Created: Int64
        var State: String
        var Status: String
    }

    /// `GET /containers/json[?all=1]`.
    func listContainers() throws {
        let all = flag("all")
        let summaries = daemon.lock.withLock {
            daemon.containers.values.filter { all || $0.status == .running }.sorted { $0.created > $1.created }.map { container in
                ContainerSummary(
                    Id: container.id, Names: ["/" + container.name], Image: container.imageReference, ImageID: container.imageID,
                    Command: ((container.config.Entrypoint ?? []) + (container.config.Cmd ?? [])).joined(separator: " "),
                    Created: container.created / 1_000_000_000, State: container.status.rawValue,
                    Status: container.status == .running ? "Up" : container.status == .created ? "Created" : "Exited (\(container.exitCode))"
                )
            }
        }
        try respondJSON(200, summaries)
    }

    struct ContainerState: Codable {
        var Status: String
        var Running: Bool
        var Paused: Bool
        var Restarting: Bool
        var OOMKilled: Bool
        var Dead: Bool
        var Pid: Int32
        var ExitCode: Int32
        var Error: String
        var StartedAt: String
        var FinishedAt: String
    }

    struct ContainerInspect: Codable {
        var Id: String
        var Created: String
        var Path: String
        var Args: [String]
        var State: ContainerState
        var Image: String
        var Name: String
        var Driver: String
        var Platform: String
        var Config: ContainerConfig
        var HostConfig: HostConfig
    }

    /// `GET /containers/{id}/json`, the fields of reference/inspect.json the CLI reads first.
    func inspectContainer(_ reference: String) throws {
        let answer = try daemon.lock.withLock { () throws -> ContainerInspect in
            let container = try daemon.lookup(reference)
            let args = (container.config.Entrypoint ?? []) + (container.config.Cmd ?? [])
            let zero = "0001-01-01T00:00:00Z"
            return ContainerInspect(
                Id: container.id, Created: Timestamp.rfc3339(nanoseconds: container.created), Path: args.first ?? "",
                Args: Array(args.dropFirst()),
                State: ContainerState(
                    Status: container.status.rawValue, Running: container.status == .running, Paused: false, Restarting: false,
                    OOMKilled: false, Dead: container.status == .dead, Pid: container.pid, ExitCode: container.exitCode,
                    Error: container.error,
                    StartedAt: container.startedAt == 0 ? zero : Timestamp.rfc3339(nanoseconds: container.startedAt),
                    FinishedAt: container.finishedAt == 0 ? zero : Timestamp.rfc3339(nanoseconds: container.finishedAt)
                ),
                Image: container.imageID, Name: "/" + container.name, Driver: "overlay2", Platform: "linux",
                Config: container.config, HostConfig: container.hostConfig
            )
        }
        try respondJSON(200, answer)
    }
}

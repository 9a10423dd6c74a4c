import KernelInterface
import Trace
import Wire

/// `glassbox info [-f T]` (docker cli/command/system/info.go): the daemon's `GET /info`.
struct InfoCommand: ClientCommand {
    static let usage = "info [OPTIONS]"
    static let summary = "Display system-wide information"
    static let parser = FlagParser([.value("format", "f")])

    var format: String?

    init(_ parsed: FlagParser.Parsed) throws {
        format = parsed.value("format")
        if !parsed.arguments.isEmpty { throw UsageError(description: "\"info\" accepts no arguments.") }
    }

    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32 {
        let info = try client.json("/info")
        if let format {
            context.print(try GoTemplate(format == "json" ? "{{json .}}" : format).render(info))
            return 0
        }
        func value(_ key: String) -> String { info[key].map(GoTemplate.text) ?? "" }
        let lines = [
            "Client:", " Version:    \(VersionCommand.clientVersion)", " Context:    default", "",
            "Server:", " Containers: \(value("Containers"))", "  Running: \(value("ContainersRunning"))",
            "  Paused: \(value("ContainersPaused"))", "  Stopped: \(value("ContainersStopped"))",
            " Images: \(value("Images"))", " Server Version: \(value("ServerVersion"))",
            " Storage Driver: \(value("Driver"))", " Logging Driver: \(value("LoggingDriver"))",
            " Cgroup Driver: \(value("CgroupDriver"))", " Cgroup Version: \(value("CgroupVersion"))",
            " Swarm: \(info["Swarm"]?["LocalNodeState"]?.stringValue ?? "")",
            " Default Runtime: \(value("DefaultRuntime"))", " Kernel Version: \(value("KernelVersion"))",
            " Operating System: \(value("OperatingSystem"))", " OSType: \(value("OSType"))",
            " Architecture: \(value("Architecture"))", " CPUs: \(value("NCPU"))",
            " Total Memory: \(HumanUnits.binarySize(info["MemTotal"]?.intValue ?? 0))", " Name: \(value("Name"))",
            " Docker Root Dir: \(value("DockerRootDir"))", " Debug Mode: \(value("Debug"))",
        ]
        context.print(lines.joined(separator: "\n"))
        return 0
    }
}

import KernelInterface
import OCI
import Trace
import Wire

/// A container read back from its files when dockerd starts again, as moby's daemon `load`
/// and container.FromDisk do: config.v2.json is the container and its state, hostconfig.json
/// its HostConfig (an empty one when the file is missing, as moby's readHostConfig allows),
/// the overlay2 `lower` file the image layers its rootfs is made of. A document that is not
/// JSON, lacks a field, or names another id than its directory's is an error, which the
/// restore logs and skips (Daemon+Restore.swift).
extension ContainerFiles {
    func load(_ id: String) throws -> Container {
        let directory = daemon.containerDirectory(id)
        let document: JSONValue
        do {
            document = try JSONParser.parse(kernel.readFile(directory + "/" + ContainerFiles.configName))
        } catch {
            throw DaemonError(.system, "\(ContainerFiles.configName): \(error)")
        }
        guard let storedID = document["ID"]?.stringValue else { throw ContainerFiles.missing("ID") }
        guard storedID == id else { throw DaemonError(.system, "Container \(storedID) is stored at \(id)") }
        guard let name = document["Name"]?.stringValue, name.count > 1 else { throw ContainerFiles.missing("Name") }
        guard let created = ContainerFiles.time(document["Created"]) else { throw ContainerFiles.missing("Created") }
        guard let imageID = document["Image"]?.stringValue else { throw ContainerFiles.missing("Image") }
        guard let configJSON = document["Config"], case .object = configJSON else { throw ContainerFiles.missing("Config") }
        guard let state = document["State"], case .object = state else { throw ContainerFiles.missing("State") }
        let config = try JSONCoding.decode(ContainerConfig.self, from: configJSON)
        let hostConfigJSON = try readHostConfig(directory + "/" + ContainerFiles.hostConfigName)
        let hostConfig = try JSONCoding.decode(HostConfig.self, from: hostConfigJSON)
        let lower = try kernel.readTextFile(daemon.layerDirectory(id) + "/lower")
        let container = Container(
            id: id, name: String(name.dropFirst(name.hasPrefix("/") ? 1 : 0)), created: created, config: config,
            hostConfig: hostConfig, hostConfigJSON: hostConfigJSON, imageID: imageID,
            imageReference: ContainerFiles.imageReference(config.Image, imageID: imageID),
            layerDirectories: ContainerFiles.layerDirectories(lowerText: lower), diskLock: kernel.makeLock(),
            status: ContainerFiles.status(recordedIn: state)
        )
        container.pid = Int32(truncatingIfNeeded: state["Pid"]?.intValue ?? 0)
        container.exitCode = Int32(truncatingIfNeeded: state["ExitCode"]?.intValue ?? 0)
        container.error = state["Error"]?.stringValue ?? ""
        container.startedAt = ContainerFiles.time(state["StartedAt"]) ?? 0
        container.finishedAt = ContainerFiles.time(state["FinishedAt"]) ?? 0
        return container
    }

    /// hostconfig.json as it was written, or `{}` when there is none.
    func readHostConfig(_ path: String) throws -> JSONValue {
        let bytes: [UInt8]
        do { bytes = try kernel.readFile(path) } catch Errno.ENOENT { return .object([]) }
        do { return try JSONParser.parse(bytes) } catch { throw DaemonError(.system, "\(ContainerFiles.hostConfigName): \(error)") }
    }

    /// The state word moby derives from a recorded State (container/state.go `StateString`):
    /// running, dead (also a removal the last daemon did not finish, which moby's restore marks
    /// dead), created when it never ran nor failed to, else exited.
    static func status(recordedIn state: JSONValue) -> Container.Status {
        if state["Running"] == .bool(true) { return .running }
        if state["Dead"] == .bool(true) || state["RemovalInProgress"] == .bool(true) { return .dead }
        let started = time(state["StartedAt"]) ?? 0, finished = time(state["FinishedAt"]) ?? 0
        return started == 0 && finished == 0 ? .created : .exited
    }

    /// Nanoseconds since the epoch from an RFC 3339 text; Go's zero time is 0.
    static func time(_ value: JSONValue?) -> Int64? {
        guard let text = value?.stringValue else { return nil }
        if text == ContainerInspection.zeroTime { return 0 }
        return RFC3339.parse(text)
    }

    /// The reference the container was created from, as create names it ("busybox:latest").
    static func imageReference(_ text: String?, imageID: String) -> String {
        guard let text, var reference = try? ImageReference(parsing: text) else { return text ?? imageID }
        if reference.tag == nil && reference.digest == nil { reference.tag = ImageReference.defaultTag }
        return reference.familiarString
    }

    static func missing(_ field: String) -> DaemonError {
        DaemonError(.system, "\(configName) has no valid \"\(field)\"")
    }
}

import KernelInterface
import Wire

extension Handlers {
    /// `POST /containers/{id}/rename?name=NEW` (moby daemon/rename.go): the new name is
    /// reserved under the daemon's lock, so a rename races fairly with creates, then written
    /// to config.v2.json, so a restarted daemon knows it by its new name.
    func renameContainer(_ reference: String) throws {
        guard let newName = try validatedName(request.queryValue("name")) else {
            throw DaemonError(.invalidParameter, "Error when allocating new name: Invalid container name (), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")
        }
        let (container, oldName) = try daemon.lock.withLock { () throws -> (Container, String) in
            let container = try daemon.lookup(reference)
            let oldName = container.name
            if oldName == newName { throw DaemonError(.invalidParameter, "Renaming a container with the same name as its current name") }
            if let holder = daemon.names[newName] {
                throw DaemonError(.conflict, "Error when allocating new name: Conflict. The container name \"/\(newName)\" is already in use by container \"\(holder)\". You have to remove (or rename) that container to be able to reuse that name.")
            }
            daemon.names[oldName] = nil
            daemon.names[newName] = container.id
            container.name = newName
            return (container, oldName)
        }
        ContainerFiles(daemon: daemon, kernel: kernel).checkpointOrLog(container)
        daemon.record("rename", container: container, kernel: kernel, extra: ["oldName": "/" + oldName])
        exchange.respond(status: 204)
    }

    /// `POST /containers/{id}/resize?h=H&w=W`: a TTY's window size, through containerd's
    /// Tasks/ResizePty to the shim, which sets it on the pty master (moby daemon/resize.go).
    /// Accepted without effect for a running container without a TTY.
    func resizeContainer(_ reference: String) throws {
        let container = try container(reference)
        let height = try integer("h")
        let width = try integer("w")
        let (running, tty) = daemon.lock.withLock { (container.status == .running, container.config.Tty ?? false) }
        guard running else {
            throw DaemonError(.conflict, "Container \(container.id) is not running")
        }
        if tty { try resizePty(containerID: container.id, execID: nil, height: height, width: width) }
        exchange.respond(HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")])))
    }

    /// `POST /containers/prune[?filters={"until":["…"],"label":["k=v"]}]` (moby
    /// daemon/prune.go): removes every container that is not running; answers their ids and
    /// the bytes their read-write layers held.
    func pruneContainers() throws {
        let filters = try EngineFilters(parsing: request.queryValue("filters"))
        for key in filters.values.keys where !["until", "label", "label!"].contains(key) {
            throw DaemonError(.invalidParameter, "Invalid filter '\(key)'")
        }
        let until = try filters["until"].first.flatMap { try Handlers.timestamp($0, name: "until") }
        let candidates = daemon.lock.withLock {
            daemon.containers.values.filter { container in
                guard container.status == .created || container.status == .exited else { return false }
                if let until, container.created > until { return false }
                let labels = container.config.Labels ?? [:]
                let wanted = EngineFilters(["label": filters["label"]])
                let unwanted = filters["label!"]
                return Handlers.matches(container, wanted) && !unwanted.contains { label in
                    let parts = label.split(separator: "=", maxSplits: 1).map(String.init)
                    return labels[parts[0]].map { parts.count == 1 || $0 == parts[1] } ?? false
                }
            }.sorted { $0.created < $1.created }
        }
        var deleted: [String] = []
        var reclaimed: Int64 = 0
        let lifecycle = ContainerLifecycle(daemon: daemon)
        for container in candidates {
            let size = (try? DiskUsage.bytes(daemon.layerDirectory(container.id) + "/diff", kernel: kernel)) ?? 0
            guard (try? lifecycle.remove(container, kernel: kernel)) != nil else { continue }
            deleted.append(container.id)
            reclaimed += size
        }
        try respondJSON(200, ContainersPruneResponse(ContainersDeleted: deleted.isEmpty ? nil : deleted, SpaceReclaimed: reclaimed))
    }
}

/// The bytes of the regular files under a directory, as `du` counts apparent sizes.
enum DiskUsage {
    static func bytes(_ path: String, kernel: Kernel) throws -> Int64 {
        var total: Int64 = 0
        for entry in try kernel.readdir(path) where entry.name != "." && entry.name != ".." {
            let child = path + "/" + entry.name
            let status = try kernel.lstat(child)
            switch status.kind {
            case .regular: total += status.size
            case .directory: total += try bytes(child, kernel: kernel)
            default: break
            }
        }
        return total
    }
}

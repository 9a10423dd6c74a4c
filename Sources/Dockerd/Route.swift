import Wire

/// The Engine API routes dockerd serves (moby api/server/router/*), matched on the method and
/// the path with its optional `/v1.xx` version prefix removed.
enum Route: Equatable {
    case ping, version, info, events
    case containerCreate, containerList, containerPrune
    case containerInspect(String), containerStart(String), containerStop(String), containerKill(String)
    case containerRestart(String), containerWait(String), containerAttach(String), containerLogs(String)
    case containerRename(String), containerResize(String), containerDelete(String), containerExport(String)
    case containerTop(String), containerExec(String)
    case execStart(String), execInspect(String), execResize(String)
    case imageCreate, imageList
    case imageInspect(String), imageTag(String), imageDelete(String), imageHistory(String)

    /// The route of a request, or nil (404 page not found, as Go's mux answers).
    init?(method: String, path: String) {
        var path = Substring(path)
        if path.hasPrefix("/v"), let slash = path.dropFirst().firstIndex(of: "/"),
           path[path.index(path.startIndex, offsetBy: 2)..<slash].allSatisfy({ $0.isNumber || $0 == "." }) {
            path = path[slash...]
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first else { return nil }
        switch (method, first, parts.count) {
        case ("GET", "_ping", 1), ("HEAD", "_ping", 1): self = .ping
        case ("GET", "version", 1): self = .version
        case ("GET", "info", 1): self = .info
        case ("GET", "events", 1): self = .events
        case ("POST", "containers", 2) where parts[1] == "create": self = .containerCreate
        case ("POST", "containers", 2) where parts[1] == "prune": self = .containerPrune
        case ("GET", "containers", 2) where parts[1] == "json": self = .containerList
        case ("DELETE", "containers", 2): self = .containerDelete(parts[1])
        case ("GET", "containers", 3), ("POST", "containers", 3):
            guard let route = Route.container(method, parts[1], parts[2]) else { return nil }
            self = route
        case ("POST", "exec", 3) where parts[2] == "start": self = .execStart(parts[1])
        case ("POST", "exec", 3) where parts[2] == "resize": self = .execResize(parts[1])
        case ("GET", "exec", 3) where parts[2] == "json": self = .execInspect(parts[1])
        case ("POST", "images", 2) where parts[1] == "create": self = .imageCreate
        case ("GET", "images", 2) where parts[1] == "json": self = .imageList
        case ("DELETE", "images", 2...): self = .imageDelete(parts.dropFirst().joined(separator: "/"))
        case ("GET", "images", 3...) where parts.last == "json": self = .imageInspect(parts.dropFirst().dropLast().joined(separator: "/"))
        case ("GET", "images", 3...) where parts.last == "history": self = .imageHistory(parts.dropFirst().dropLast().joined(separator: "/"))
        case ("POST", "images", 3...) where parts.last == "tag": self = .imageTag(parts.dropFirst().dropLast().joined(separator: "/"))
        default: return nil
        }
    }

    /// `/containers/{id}/{action}`.
    static func container(_ method: String, _ id: String, _ action: String) -> Route? {
        switch (method, action) {
        case ("GET", "json"): return .containerInspect(id)
        case ("GET", "logs"): return .containerLogs(id)
        case ("GET", "export"): return .containerExport(id)
        case ("GET", "top"): return .containerTop(id)
        case ("POST", "start"): return .containerStart(id)
        case ("POST", "stop"): return .containerStop(id)
        case ("POST", "kill"): return .containerKill(id)
        case ("POST", "restart"): return .containerRestart(id)
        case ("POST", "wait"): return .containerWait(id)
        case ("POST", "attach"): return .containerAttach(id)
        case ("POST", "rename"): return .containerRename(id)
        case ("POST", "resize"): return .containerResize(id)
        case ("POST", "exec"): return .containerExec(id)
        default: return nil
        }
    }
}

import Wire

/// The Engine API routes dockerd serves (moby api/server/router/*), matched on the method and
/// the path with its optional `/v1.xx` version prefix removed.
enum Route: Equatable {
    case ping
    case version
    case info
    case containerCreate
    case containerList
    case containerInspect(String)
    case containerStart(String)
    case containerWait(String)
    case containerAttach(String)
    case containerDelete(String)
    case imageCreate
    case imageList

    /// The route of a request, or nil (404 page not found, as Go's mux answers).
    init?(method: String, path: String) {
        var path = Substring(path)
        if path.hasPrefix("/v"), let slash = path.dropFirst().firstIndex(of: "/"),
           path[path.index(path.startIndex, offsetBy: 2)..<slash].allSatisfy({ $0.isNumber || $0 == "." }) {
            path = path[slash...]
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch (method, parts.count, parts.first) {
        case ("GET", 1, "_ping"), ("HEAD", 1, "_ping"): self = .ping
        case ("GET", 1, "version"): self = .version
        case ("GET", 1, "info"): self = .info
        case ("POST", 2, "containers") where parts[1] == "create": self = .containerCreate
        case ("GET", 2, "containers") where parts[1] == "json": self = .containerList
        case ("GET", 3, "containers") where parts[2] == "json": self = .containerInspect(parts[1])
        case ("POST", 3, "containers") where parts[2] == "start": self = .containerStart(parts[1])
        case ("POST", 3, "containers") where parts[2] == "wait": self = .containerWait(parts[1])
        case ("POST", 3, "containers") where parts[2] == "attach": self = .containerAttach(parts[1])
        case ("DELETE", 2, "containers"): self = .containerDelete(parts[1])
        case ("POST", 2, "images") where parts[1] == "create": self = .imageCreate
        case ("GET", 2, "images") where parts[1] == "json": self = .imageList
        default: return nil
        }
    }
}

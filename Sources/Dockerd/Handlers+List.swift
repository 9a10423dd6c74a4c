import KernelInterface
import Wire

extension Handlers {
    /// `GET /containers/json[?all=1&limit=N&filters={…}]` (moby daemon/list.go): newest first,
    /// running ones only unless `all`, filtered by `id`, `name`, `status` and `label`.
    func listContainers() throws {
        let filters = try EngineFilters(parsing: request.queryValue("filters"))
        let statuses = ["created", "restarting", "running", "removing", "paused", "exited", "dead"]
        for status in filters["status"] where !statuses.contains(status) {
            throw DaemonError(.invalidParameter, "invalid filter 'status=\(status)'")
        }
        for key in filters.values.keys where !["id", "name", "status", "label"].contains(key) {
            throw DaemonError(.invalidParameter, "invalid filter '\(key)'")
        }
        let limit = try integer("limit") ?? -1
        let all = flag("all") || limit > 0 || !filters["status"].isEmpty
        let now = kernel.clockGettime(.realtime)
        var summaries = daemon.lock.withLock {
            daemon.containers.values
                .filter { (all || $0.status == .running) && Handlers.matches($0, filters) }
                .sorted { $0.created > $1.created }
                .map { container in
                    ContainerSummary(
                        Id: container.id, Names: ["/" + container.name], Image: container.config.Image ?? container.imageReference,
                        ImageID: container.imageID, Command: container.commandLine, Created: container.created / 1_000_000_000,
                        Labels: container.config.Labels ?? [:], State: container.status.rawValue,
                        Status: container.statusText(now: now), NetworkMode: container.hostConfig.NetworkMode ?? "default"
                    )
                }
        }
        if limit > 0 { summaries = Array(summaries.prefix(limit)) }
        try respondJSON(200, summaries)
    }

    /// moby's filters: `id` by prefix, `name` as in `nameMatches`, `status` exactly, `label`
    /// as `key` or `key=value`. Values of one filter are alternatives; filters all apply.
    static func matches(_ container: Container, _ filters: EngineFilters) -> Bool {
        func any(_ name: String, _ test: (String) -> Bool) -> Bool {
            let values = filters[name]
            return values.isEmpty || values.contains(where: test)
        }
        let labels = container.config.Labels ?? [:]
        return any("id") { container.id.hasPrefix($0) }
            && any("name") { Handlers.nameMatches(container.name, pattern: $0) }
            && any("status") { $0 == container.status.rawValue }
            && any("label") { label in
                let parts = label.split(separator: "=", maxSplits: 1).map(String.init)
                guard let value = labels[parts[0]] else { return false }
                return parts.count == 1 || value == parts[1]
            }
    }

    /// Docker matches `name` as a regular expression against "/name"; the patterns people write
    /// are substrings with perhaps `^` and `$` anchors, which is what is honoured here.
    static func nameMatches(_ name: String, pattern: String) -> Bool {
        var pattern = Substring(pattern)
        let anchoredStart = pattern.hasPrefix("^")
        if anchoredStart { pattern = pattern.dropFirst() }
        let anchoredEnd = pattern.hasSuffix("$")
        if anchoredEnd { pattern = pattern.dropLast() }
        if pattern.hasPrefix("/") { pattern = pattern.dropFirst() }
        switch (anchoredStart, anchoredEnd) {
        case (true, true): return name == pattern
        case (true, false): return name.hasPrefix(pattern)
        case (false, true): return name.hasSuffix(pattern)
        case (false, false): return name.contains(pattern)
        }
    }
}

import KernelInterface
import Wire

extension Handlers {
    /// `GET /events?since=T&until=T&filters={…}` (moby api/server/router/system): the recorded
    /// events since `since` (none of the past without it), then, until `until` passes or the
    /// client goes, each new one as it is recorded, one JSON object per line.
    func streamEvents() throws {
        let filters = try EngineFilters(parsing: request.queryValue("filters"))
        for key in filters.values.keys where !["type", "event", "container", "image", "label"].contains(key) {
            throw DaemonError(.invalidParameter, "invalid filter '\(key)'")
        }
        let since = try Handlers.timestamp(request.queryValue("since"), name: "since")
        let until = try Handlers.timestamp(request.queryValue("until"), name: "until")
        let now = kernel.clockGettime(.realtime)
        final class Alarm: @unchecked Sendable { var rang = false }
        let alarm = Alarm()
        if let until {
            if until > now {
                let daemon = self.daemon
                try kernel.spawnThread(name: "events-until") { threadKernel in
                    try? threadKernel.nanosleep(until - now)
                    daemon.lock.withLock {
                        alarm.rang = true
                        daemon.lock.broadcast()
                    }
                }
            } else {
                alarm.rang = true
            }
        }
        var position = daemon.lock.withLock { since == nil ? daemon.events.total : 0 }
        try exchange.startChunked(headers: [("Content-Type", "application/json")])
        while true {
            let (batch, finished) = try daemon.lock.withLock { () throws -> ([EventMessage], Bool) in
                try daemon.wait(until: { daemon.events.total > position || alarm.rang })
                let batch = daemon.events.messages(after: position)
                position = daemon.events.total
                return (batch, alarm.rang)
            }
            for message in batch where Handlers.matches(message, filters, since: since, until: until) {
                try exchange.writeChunk(JSONCoding.encode(message) + [0x0A])
            }
            if finished { return }
        }
    }

    /// moby's events filter: `type`, `event` (the action), `container` and `image` (id or
    /// name), `label` (`k` or `k=v`), each an alternative of values; and the time window.
    static func matches(_ message: EventMessage, _ filters: EngineFilters, since: Int64?, until: Int64?) -> Bool {
        if let since, message.timeNano < since { return false }
        if let until, message.timeNano > until { return false }
        func any(_ name: String, _ test: (String) -> Bool) -> Bool {
            let values = filters[name]
            return values.isEmpty || values.contains(where: test)
        }
        let actor = message.Actor
        let named = { (value: String) in actor.ID.hasPrefix(value) || actor.Attributes["name"] == value }
        return any("type") { $0 == message.Type }
            && any("event") { $0 == message.Action || message.Action.hasPrefix($0 + ":") }
            && any("container") { message.Type == "container" && named($0) }
            && any("image") { (message.Type == "image" && named($0)) || actor.Attributes["image"] == $0 }
            && any("label") { label in
                let parts = label.split(separator: "=", maxSplits: 1).map(String.init)
                guard let value = actor.Attributes[parts[0]] else { return false }
                return parts.count == 1 || value == parts[1]
            }
    }
}

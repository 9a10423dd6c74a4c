import KernelInterface
import Trace
import Wire

/// dockerd's event log (moby daemon/events): every container and image event in order, kept in
/// memory (the last 1024, as moby's events.Events keeps), and each written to the trace as a
/// lifecycle event too. Followers of `GET /events` wait on the daemon's condition, which
/// `record` broadcasts. Guarded by the daemon's lock.
final class EventLog: @unchecked Sendable {
    static let capacity = 1024
    private(set) var messages: [EventMessage] = []
    /// How many events were ever recorded: a follower's position survives the trimming.
    private(set) var total = 0

    func append(_ message: EventMessage) {
        messages.append(message)
        total += 1
        if messages.count > EventLog.capacity { messages.removeFirst(messages.count - EventLog.capacity) }
    }

    /// The events after the first `position` ever recorded.
    func messages(after position: Int) -> [EventMessage] {
        let first = total - messages.count
        return Array(messages[max(0, position - first)...])
    }
}

extension Daemon {
    /// Records a container event: in the event log, for `GET /events`, and on the trace as
    /// `container.<action>`. Takes the lock itself.
    func record(_ action: String, container: Container, kernel: Kernel, extra: [String: String] = [:],
                trace: [(String, JSONValue)] = []) {
        var attributes = lock.withLock { container.config.Labels ?? [:] }
        attributes["image"] = container.config.Image ?? container.imageReference
        attributes["name"] = lock.withLock { container.name }
        for (key, value) in extra { attributes[key] = value }
        record(type: "container", action: action, id: container.id, attributes: attributes, kernel: kernel, trace: trace)
    }

    /// Records any event; the trace's lifecycle event carries the id and `trace`.
    func record(type: String, action: String, id: String, attributes: [String: String], kernel: Kernel,
                trace: [(String, JSONValue)] = []) {
        let now = kernel.clockGettime(.realtime)
        kernel.tracer?.lifecycle("\(type).\(action)", subject: "dockerd", attrs: [("id", .string(id))] + trace)
        lock.withLock {
            events.append(EventMessage(type: type, action: action, actor: .init(ID: id, Attributes: attributes), timeNano: now))
            lock.broadcast()
        }
    }
}

import KernelInterface
import Wire

extension Container {
    /// The `Status` column of `docker ps`, as moby's container.State.String() writes it:
    /// "Up 3 seconds", "Exited (0) 2 seconds ago", "Created", "Removal In Progress", "Dead".
    /// Call holding the daemon's lock.
    func statusText(now: Int64) -> String {
        switch status {
        case .running: return "Up " + HumanUnits.duration(nanoseconds: now - startedAt)
        case .created: return "Created"
        case .removing: return "Removal In Progress"
        case .dead: return "Dead"
        case .exited:
            if finishedAt == 0 { return "Exited (\(exitCode))" }
            return "Exited (\(exitCode)) " + HumanUnits.duration(nanoseconds: now - finishedAt) + " ago"
        }
    }

    /// The command as `docker ps` shows it: entrypoint and arguments joined by spaces.
    var commandLine: String { ((config.Entrypoint ?? []) + (config.Cmd ?? [])).joined(separator: " ") }
}

import OCI

/// What can happen to a container: its init reporting ready, `runc start`, a signal from
/// `runc kill`, its process exiting, `runc delete`.
enum LifecycleEvent: Sendable, Equatable, CustomStringConvertible {
    case initReady
    case start
    case signal
    case processExit
    case delete(force: Bool)

    var description: String {
        switch self {
        case .initReady: return "init ready"
        case .start: return "start"
        case .signal: return "kill"
        case .processExit: return "process exit"
        case let .delete(force): return force ? "delete --force" : "delete"
        }
    }
}

/// Where an event leads: another status, or the end of the container (its cgroup and state
/// directory removed), after a SIGKILL when its process may still run.
enum LifecycleOutcome: Sendable, Equatable {
    case status(ContainerStatus)
    case destroyed(killFirst: Bool)
}

extension ContainerStatus {
    /// The container lifecycle of the OCI runtime spec (runtime.md "Lifecycle"), with runc's
    /// rules and error words (libcontainer/state_linux.go, delete.go, start.go): every legal
    /// transition is in this one switch; anything else is refused.
    func after(_ event: LifecycleEvent, id: String) throws -> LifecycleOutcome {
        switch (self, event) {
        case (.creating, .initReady):
            return .status(.created)
        case (.created, .start):
            return .status(.running)
        case (.creating, .signal), (.created, .signal), (.running, .signal), (.paused, .signal):
            return .status(self)
        case (.created, .processExit), (.running, .processExit), (.paused, .processExit):
            return .status(.stopped)
        case (.stopped, .delete):
            return .destroyed(killFirst: false)
        case (.created, .delete):
            // runc delete kills a container that was created and never started, force or not.
            return .destroyed(killFirst: true)
        case (.creating, .delete(force: true)), (.running, .delete(force: true)), (.paused, .delete(force: true)):
            return .destroyed(killFirst: true)
        case (.creating, .delete(force: false)), (.running, .delete(force: false)), (.paused, .delete(force: false)):
            throw refusal("cannot delete container \(id) that is not stopped: \(rawValue)")
        case (.running, .start):
            throw refusal("cannot start an already running container")
        case (.stopped, .start):
            throw refusal("cannot start a container that has stopped")
        case (.paused, .start):
            throw refusal("cannot start a paused container")
        case (.stopped, .signal):
            throw refusal("container not running")
        case (.creating, .start), (.creating, .processExit), (.created, .initReady), (.running, .initReady),
             (.stopped, .initReady), (.paused, .initReady), (.stopped, .processExit):
            throw refusal("invalid transition of container \(id): \(event) while \(rawValue)")
        }
    }

    private func refusal(_ message: String) -> RuncError {
        RuncError(.failedPrecondition, message, stage: "runc/lifecycle")
    }
}

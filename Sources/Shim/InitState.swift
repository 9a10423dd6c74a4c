import KernelInterface

/// The container init's lifecycle as the shim tracks it, with every legal transition in
/// `applying(_:)`, as containerd's pkg/process/init_state.go keeps one state type per status.
enum InitState: Sendable, Equatable {
    /// `runc create` succeeded: the init waits on `exec.fifo`.
    case created
    /// `runc start` released the init: it exec'd the container's process.
    case running
    /// The reaper saw the init exit.
    case stopped(status: WaitStatus, exitedAt: Int64)

    enum Event: Sendable {
        case started
        case exited(WaitStatus, at: Int64)
    }

    /// The state after `event`, or nil when the event is not legal in this state.
    func applying(_ event: Event) -> InitState? {
        switch (self, event) {
        case (.created, .started):
            return .running
        case let (.created, .exited(status, at)), let (.running, .exited(status, at)):
            return .stopped(status: status, exitedAt: at)
        case (.stopped, .started):
            // The process ran and exited before `runc start` returned: the start did happen.
            return self
        case (.running, .started), (.stopped, .exited):
            return nil
        }
    }

    /// containerd's task status words.
    var status: String {
        switch self {
        case .created: return "created"
        case .running: return "running"
        case .stopped: return "stopped"
        }
    }

    var isStopped: Bool {
        if case .stopped = self { return true }
        return false
    }
}

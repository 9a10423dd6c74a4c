import KernelInterface
import OCI

/// The two fields of /proc/<pid>/stat runc reads about a container's init (libcontainer's
/// `system.Stat`): the state letter and the start time, field 22, which tells the init from a
/// later process that reused its pid.
struct ProcessStat: Equatable {
    var state: Character
    var startTime: String?

    /// Parses `pid (comm) S ppid …`; the comm may itself hold spaces and parentheses, so the
    /// fields are counted after the last `)`.
    init?(parsing text: String) {
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        guard let state = fields.first?.first else { return nil }
        self.state = state
        self.startTime = fields.count > 19 ? String(fields[19]) : nil
    }

    static func read(kernel: Kernel, pid: Int) -> ProcessStat? {
        guard let text = try? kernel.readTextFile("/proc/\(pid)/stat") else { return nil }
        return ProcessStat(parsing: text)
    }

    /// A zombie (`Z`) or dead (`X`) process has finished running.
    var isRunning: Bool { state != "Z" && state != "X" }
}

extension ContainerRecord {
    /// The status now, as libcontainer's `refreshState` computes it: stopped when the init is
    /// gone (or is a zombie, or its pid now names another process), created while exec.fifo
    /// still exists (the init waits on it), running once `runc start` has consumed it.
    func currentStatus(kernel: Kernel, paths: ContainerPaths) -> ContainerStatus {
        guard let stat = ProcessStat.read(kernel: kernel, pid: pid), stat.isRunning,
              initProcessStart == nil || stat.startTime == nil || stat.startTime == initProcessStart
        else { return .stopped }
        if status == .creating { return .creating }
        return kernel.exists(paths.execFifo) ? .created : .running
    }
}

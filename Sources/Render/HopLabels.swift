import Trace

/// The words drawn for each kind of step, shared by the terminal and Mermaid diagrams.
enum HopLabels {
    /// A response's label, with its duration first when the event has one: `201 Created · 1.204 ms`.
    static func responseVariants(_ event: DiagramEvent) -> [String] {
        let status = event.status ?? "ok"
        guard let dur = event.dur else { return [status] }
        return [status + " · " + RelativeTime.duration(nanoseconds: dur), status]
    }

    /// A lifecycle note: its op, then its status when it has one (`exit` `exit 0`).
    static func lifecycle(_ event: DiagramEvent) -> String {
        guard let status = event.status else { return event.op }
        return event.op + " " + status
    }

    /// `pivot_root(".", ".") = 0`, cut inside the parentheses when longer than `limit`, so the
    /// name and the result stay readable (as `strace -s` cuts arguments, not the return value).
    static func syscall(_ event: DiagramEvent, limit: Int = .max) -> String {
        let arguments = (event.args ?? []).map(OperationLabel.shortenedIDs).joined(separator: ", ")
        let suffix = event.result.map { " = " + $0 } ?? ""
        let full = event.op + "(" + arguments + ")" + suffix
        guard DisplayText.columns(full) > limit else { return full }
        let room = limit - DisplayText.columns(event.op) - 2 - DisplayText.columns(suffix)
        guard room >= 2 else { return DisplayText.truncated(full, to: limit) }
        return event.op + "(" + DisplayText.truncated(arguments, to: room) + ")" + suffix
    }

    static func hiddenSyscalls(_ count: Int) -> String {
        "… \(count) more syscall" + (count == 1 ? "" : "s")
    }

    /// Whether a status or syscall result reports a failure: HTTP 4xx and 5xx, a non-zero exit,
    /// an errno name, or one of containerd's `errdefs` classes.
    static func isFailure(_ status: String) -> Bool {
        if let first = status.utf8.first, first == UInt8(ascii: "4") || first == UInt8(ascii: "5") {
            return status.utf8.count >= 3
        }
        if status.hasPrefix("exit ") { return status != "exit 0" }
        if status.hasPrefix("signal ") { return true }
        if status.count > 1, status.hasPrefix("E"), status.allSatisfy({ $0.isUppercase || $0.isNumber }) {
            return true
        }
        return containerdErrorClasses.contains(status)
    }

    /// containerd's `errdefs` as they travel over its API (`errdefs.ToGRPC`).
    static let containerdErrorClasses: Set<String> = [
        "NotFound", "AlreadyExists", "FailedPrecondition", "InvalidArgument", "Unavailable",
        "NotImplemented", "Unknown", "Internal", "Canceled", "DeadlineExceeded", "Aborted",
        "PermissionDenied", "ResourceExhausted", "OutOfRange", "Unauthenticated",
    ]
}

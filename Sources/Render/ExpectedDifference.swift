/// Differences between two traces of one journey that are expected, and why: mostly where the
/// simulated kernel and a real one do the same job differently. `TraceDiff` shows syscall lines
/// these patterns match with `~` and the reason, and does not count them as differences.
struct ExpectedDifference: Sendable {
    /// A glob (`*` for any run) over a normalised syscall line: `runc ▸ mount("tmpfs", …) = 0`.
    let pattern: String
    let reason: String

    static let table: [ExpectedDifference] = [
        ExpectedDifference(pattern: "runc ▸ mount(*/dev\"*",
            reason: "/dev is mounted differently by a simulated and a real kernel (a tmpfs filled by runc, or the host's devices bind-mounted where mknod is not allowed)"),
        ExpectedDifference(pattern: "runc ▸ mknod*/dev/*",
            reason: "device nodes are made with mknod where the kernel allows it, bind-mounted from the host where it does not (runc createDevices)"),
        ExpectedDifference(pattern: "* ▸ clone(CLONE_THREAD, *",
            reason: "threads start in the order the scheduler gives, which differs from run to run"),
        ExpectedDifference(pattern: "* ▸ readdir(*",
            reason: "directory order is the filesystem's, not the journey's"),
        ExpectedDifference(pattern: "* ▸ wait4(*",
            reason: "which child a wait4 reaps first, and whether it must wait again, depends on scheduling"),
    ]

    static func explaining(_ line: String) -> ExpectedDifference? {
        table.first { Glob.matches($0.pattern, line) }
    }
}

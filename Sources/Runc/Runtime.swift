import KernelInterface
import Trace

/// What every command runs with: the process's context (its kernel, argv, envp), the global
/// options and the logger they configured.
struct Runtime {
    let context: ProcessContext
    let options: GlobalOptions
    let logger: RuncLogger

    var kernel: Kernel { context.kernel }

    func paths(_ id: String) -> ContainerPaths { ContainerPaths(root: options.root, id: id) }

    /// The path of this executable, which `runc create` re-runs as `runc init`. runc uses
    /// /proc/self/exe; the simulator has no such link, so the installed path is used on both.
    static let executablePath = "/usr/bin/glassbox-runc"

    /// Writes a `container.*` lifecycle event when tracing.
    func lifecycle(_ op: String, _ record: ContainerRecord) {
        kernel.tracer?.lifecycle(op, attrs: [
            ("id", .string(record.id)), ("pid", .int(Int64(record.pid))), ("bundle", .string(record.bundle)),
        ])
    }
}

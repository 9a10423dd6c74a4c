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

    /// Where glassbox-runc is installed; `runc init` runs from there when this process
    /// cannot name its own executable.
    static let installedPath = "/usr/bin/glassbox-runc"

    /// The executable `runc create` re-runs as `runc init`: this very program, as runc
    /// re-executes /proc/self/exe, so the init is the same build as its parent (a build
    /// directory works without installing). The link is read and checked to name a regular
    /// file; when it does not (a kernel without it, or a binary replaced since it started,
    /// `… (deleted)`), the installed path is used.
    var initExecutable: String {
        if let own = try? kernel.readlink("/proc/self/exe"), own.hasPrefix("/"),
           (try? kernel.stat(own))?.kind == .regular {
            return own
        }
        return Runtime.installedPath
    }

    /// Writes a `container.*` lifecycle event when tracing.
    func lifecycle(_ op: String, _ record: ContainerRecord) {
        kernel.tracer?.lifecycle(op, attrs: [
            ("id", .string(record.id)), ("pid", .int(Int64(record.pid))), ("bundle", .string(record.bundle)),
        ])
    }
}

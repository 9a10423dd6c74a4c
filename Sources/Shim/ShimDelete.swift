import KernelInterface
import Trace
import Wire

/// `glassbox-shim … delete`, run by containerd in a task's bundle when the shim that served the
/// task is dead, as containerd's runc v2 shim `Cleanup` does (runtime/v2/runc/v2/service.go):
/// `runc delete --force` with the runc root the task was created with (the bundle's
/// `options.json`), which kills what is left of the container and removes its runc state and
/// cgroup; then the bundle's rootfs is unmounted (if anything is mounted there) and the socket
/// the dead shim left is removed. Prints the task's end as `Task/Delete` answers it: killed
/// (128 + SIGKILL), now, with the init's pid from `init.pid`.
struct ShimDelete {
    let options: ShimOptions
    let context: ProcessContext

    /// The runc options of the task, kept in the bundle for this command (runc.WriteOptions).
    static let optionsFile = "options.json"

    static func writeOptions(_ runcOptions: RuncOptions?, bundle: String, kernel: Kernel) throws {
        guard let runcOptions else { return }
        try kernel.writeFile(joinPath(bundle, optionsFile), JSONCoding.encode(runcOptions), mode: 0o600)
    }

    func run() throws {
        let kernel = context.kernel
        let bundle = try kernel.getcwd()
        let runcOptions = (try? kernel.readFile(joinPath(bundle, ShimDelete.optionsFile))).flatMap { try? JSONCoding.decode(RuncOptions.self, from: $0) }
        let runc = Runc(root: runcOptions?.root, namespace: options.namespace, bundle: bundle, executable: options.runcExecutable)
        do {
            try deleteContainer(runc, kernel: kernel)
        } catch {
            context.printError("glassbox-shim: failed to remove runc container: \(error)")
        }
        do {
            try kernel.umount(joinPath(bundle, "rootfs"), flags: .detach)
        } catch Errno.EINVAL {
            // Nothing mounted there: dockerd mounts the rootfs elsewhere and points root.path at it.
        } catch {
            context.printError("glassbox-shim: failed to cleanup rootfs mount: \(error)")
        }
        try? kernel.unlink(options.socketPath)
        let pid = (try? kernel.readTextFile(runc.pidFilePath)).flatMap { UInt32($0.filter { !$0.isWhitespace }) } ?? 0
        let answer = ShimDeleteResponse(pid: pid, exit_status: 128 + UInt32(Signal.SIGKILL.rawValue),
                                        exited_at: Timestamp.rfc3339(nanoseconds: kernel.clockGettime(.realtime)))
        try kernel.writeAll(.standardOutput, JSONCoding.encode(answer))
    }

    /// `runc delete --force ID`, its output to this command's stderr.
    private func deleteContainer(_ runc: Runc, kernel: Kernel) throws {
        let devNull = try kernel.open("/dev/null", [.readWrite, .closeOnExec], mode: 0)
        defer { try? kernel.close(devNull) }
        let request = runc.request(.delete(id: options.id, force: true), environment: context.environment,
                                   fileActions: [.duplicate(devNull, to: .standardInput), .duplicate(.standardError, to: .standardOutput)])
        let hop = try ExecHop.spawn(kernel: kernel, request, to: "runc", inheritTraceFrom: context.environment)
        while true {
            do {
                guard let (_, status) = try kernel.wait4(hop.pid, options: []) else { continue }
                hop.finished(kernel: kernel, status)
                if status != .exited(0) { throw ShimError(.unknown, runc.lastError(kernel: kernel) ?? "runc delete: \(status)", stage: "delete") }
                return
            } catch Errno.EINTR {
                continue
            }
        }
    }
}

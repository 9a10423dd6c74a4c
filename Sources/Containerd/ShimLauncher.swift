import KernelInterface
import Trace
import Wire

/// Makes a task's bundle and starts its shim, as containerd's runtime v2 does
/// (runtime/v2/bundle.go NewBundle, shim_manager.go → binary.go Start).
struct ShimLauncher {

    let options: ContainerdOptions
    let environment: [String]

    /// `<state>/io.containerd.runtime.v2.task/moby`: one bundle per task.
    var namespaceDirectory: String {
        joinPath(options.state, "io.containerd.runtime.v2.task/\(ContainerdOptions.namespace)")
    }

    /// `<state>/io.containerd.runtime.v2.task/moby/<id>`.
    func bundlePath(_ id: String) -> String {
        joinPath(namespaceDirectory, id)
    }

    /// The bundle: `config.json` (the spec as stored) and an empty `rootfs/` (dockerd points
    /// `root.path` at the overlay it mounted). A bundle left by a task that no longer exists is
    /// stale and replaced.
    func createBundle(kernel: Kernel, _ record: ContainerRecord) throws -> String {
        let bundle = bundlePath(record.id)
        do {
            try kernel.removeAll(bundle)
            try kernel.mkdirAll(bundle, mode: 0o711)
            try kernel.mkdir(joinPath(bundle, "rootfs"), mode: 0o711)
            try kernel.writeFile(joinPath(bundle, "config.json"), record.spec.value.serialized, mode: 0o644)
        } catch let error as Errno {
            try? kernel.removeAll(bundle)
            throw ContainerdError(.unknown, "failed to create bundle \(bundle): \(error.message)", stage: "tasks/create/bundle")
        }
        return bundle
    }

    /// Execs `glassbox-shim -namespace moby -id <id> -address <containerd.sock> start` with the
    /// bundle as its working directory, reads the address it prints, waits for it to exit (it
    /// leaves the long-running shim behind), and returns the address.
    func startShim(kernel: Kernel, id: String, bundle: String) throws -> SocketAddress {
        let devNull = try kernel.open("/dev/null", [.readOnly, .closeOnExec], mode: 0)
        defer { try? kernel.close(devNull) }
        let pipe = try kernel.pipe(closeOnExec: true)
        let request = SpawnRequest(
            path: options.shimExecutable,
            arguments: ["glassbox-shim", "-namespace", ContainerdOptions.namespace, "-id", id, "-address", options.address, "start"],
            environment: environment,
            fileActions: [.duplicate(devNull, to: .standardInput), .duplicate(pipe.write, to: .standardOutput)],
            workingDirectory: bundle
        )
        let hop: ExecHop
        do {
            hop = try ExecHop.spawn(kernel: kernel, request, to: "shim", inheritTraceFrom: environment)
        } catch let error as Errno {
            try? kernel.close(pipe.read)
            try? kernel.close(pipe.write)
            throw ContainerdError(.unknown, "failed to start shim: fork/exec \(options.shimExecutable): \(error.message)", stage: "shim start")
        }
        try? kernel.close(pipe.write)
        let output = (try? kernel.readAll(pipe.read)) ?? []
        try? kernel.close(pipe.read)
        let status = try waitForExit(kernel: kernel, hop.pid)
        hop.finished(kernel: kernel, status)
        guard status == .exited(0) else {
            throw ContainerdError(.unknown, "failed to start shim: \(options.shimExecutable) start: \(status)", stage: "shim start")
        }
        let printed = String(decoding: output, as: UTF8.self).filter { !$0.isWhitespace }
        guard let address = SocketAddress(parsing: printed), case .unix = address else {
            throw ContainerdError(.unknown, "failed to start shim: invalid address \"\(printed)\"", stage: "shim start")
        }
        return address
    }

    /// Execs `glassbox-shim … delete` in the bundle of a task whose shim is dead, as
    /// containerd's `cleanupAfterDeadShim` runs the shim binary's `delete` (binary.go `Delete`);
    /// what it printed is the task's end, which nobody is left to be told of here.
    func deleteShim(kernel: Kernel, id: String, bundle: String) throws {
        let devNull = try kernel.open("/dev/null", [.readOnly, .closeOnExec], mode: 0)
        defer { try? kernel.close(devNull) }
        let request = SpawnRequest(
            path: options.shimExecutable,
            arguments: ["glassbox-shim", "-namespace", ContainerdOptions.namespace, "-id", id, "-address", options.address,
                        "-bundle", bundle, "delete"],
            environment: environment,
            fileActions: [.duplicate(devNull, to: .standardInput), .duplicate(devNull, to: .standardOutput)],
            workingDirectory: bundle
        )
        let hop: ExecHop
        do {
            hop = try ExecHop.spawn(kernel: kernel, request, to: "shim", inheritTraceFrom: environment)
        } catch let error as Errno {
            throw ContainerdError(.unknown, "failed to run \(options.shimExecutable) delete: \(error.message)", stage: "shim delete")
        }
        let status = try waitForExit(kernel: kernel, hop.pid)
        hop.finished(kernel: kernel, status)
        guard status == .exited(0) else {
            throw ContainerdError(.unknown, "\(options.shimExecutable) delete: \(status)", stage: "shim delete")
        }
    }

    private func waitForExit(kernel: Kernel, _ pid: ProcessID) throws -> WaitStatus {
        while true {
            do {
                if let (_, status) = try kernel.wait4(pid, options: []) { return status }
            } catch Errno.EINTR {
                continue
            }
        }
    }
}

import KernelInterface
import OCI

/// `runc start`'s work (libcontainer `Container.exec`): open exec.fifo for reading — that
/// open is what the blocked init has been waiting for — and read it to the end: the init
/// writes one byte and its descriptor closes when it execve's. Then the FIFO is removed, and
/// with it the mark of the `created` state: state.json stays as `create` wrote it.
enum ContainerStart {
    static func start(_ runtime: Runtime, id: String) throws -> ContainerRecord {
        let kernel = runtime.kernel
        let paths = runtime.paths(id)
        var record = try ContainerRecord.load(kernel: kernel, paths: paths, stage: "runc start")
        guard case let .status(next) = try record.currentStatus(kernel: kernel, paths: paths).after(.start, id: id) else {
            preconditionFailure("start cannot end a container")
        }
        let data = try runStage("start", "execFifo()", operation: "open \(paths.execFifo)") { () throws -> [UInt8] in
            let fd = try kernel.open(paths.execFifo, [.readOnly, .closeOnExec], mode: 0)
            defer { try? kernel.close(fd) }
            return try kernel.readAll(fd)
        }
        guard !data.isEmpty else {
            throw RuncError(.failedPrecondition, "cannot start an already running container", stage: "runc start/exec_fifo")
        }
        try runStage("start", "execFifo()", operation: "remove \(paths.execFifo)") { try kernel.unlink(paths.execFifo) }
        // state.json is not written again, as runc does not: without exec.fifo the container
        // reads as running (`currentStatus`).
        record.status = next
        return record
    }
}

import KernelInterface

/// The stdio of the container's init when there is no terminal, as containerd's
/// pkg/process/io.go wires it: the shim opens the FIFOs dockerd made, gives runc (and through
/// `runc create`, the container) one pipe per stream, and copies each pipe into its FIFO in a
/// thread of its own, closing the FIFO at end of file so that dockerd's reader sees it too.
///
///     container fd 1 ─▶ pipe ─▶ [copier thread] ─▶ init-stdout FIFO ─▶ dockerd
///     container fd 2 ─▶ pipe ─▶ [copier thread] ─▶ init-stderr FIFO ─▶ dockerd
///     dockerd ─▶ stdin FIFO ─▶ [copier thread] ─▶ pipe ─▶ container fd 0   (only when given)
final class ProcessIO: @unchecked Sendable {
    private struct Output {
        let name: String
        let pipeRead: FileDescriptor
        let fifo: FileDescriptor
    }

    private let lock: KernelLock
    /// What runc's fds 0, 1, 2 become.
    let fileActions: [SpawnFileAction]
    /// The shim's copies of what the child gets, closed once the child has them.
    private var childEnds: [FileDescriptor]
    private var outputs: [Output]
    private let stdinFIFO: String?
    private let stdinPipeWrite: FileDescriptor?
    private var liveCopiers = 0
    private let deadline: CopierDeadline

    /// Opens the FIFOs (a blocking open for writing: dockerd's reader is already waiting) and
    /// makes the pipes. On failure everything opened so far is closed.
    init(kernel: Kernel, stdin: String, stdout: String, stderr: String, lock: KernelLock) throws {
        self.lock = lock
        self.deadline = CopierDeadline(lock: lock)
        var opened: [FileDescriptor] = []
        do {
            let devNull = try kernel.open("/dev/null", [.readWrite, .closeOnExec], mode: 0)
            opened.append(devNull)
            var actions: [SpawnFileAction] = []
            var ends: [FileDescriptor] = [devNull]
            if stdin.isEmpty {
                actions.append(.duplicate(devNull, to: .standardInput))
                stdinPipeWrite = nil
            } else {
                let pipe = try kernel.pipe(closeOnExec: true)
                opened += [pipe.read, pipe.write]
                actions.append(.duplicate(pipe.read, to: .standardInput))
                ends.append(pipe.read)
                stdinPipeWrite = pipe.write
            }
            stdinFIFO = stdin.isEmpty ? nil : stdin
            var outputs: [Output] = []
            for (name, path, target) in [("stdout", stdout, FileDescriptor.standardOutput), ("stderr", stderr, .standardError)] {
                guard !path.isEmpty else {
                    actions.append(.duplicate(devNull, to: target))
                    continue
                }
                let fifo = try kernel.open(path, [.writeOnly, .closeOnExec], mode: 0)
                opened.append(fifo)
                let pipe = try kernel.pipe(closeOnExec: true)
                opened += [pipe.read, pipe.write]
                actions.append(.duplicate(pipe.write, to: target))
                ends.append(pipe.write)
                outputs.append(Output(name: name, pipeRead: pipe.read, fifo: fifo))
            }
            fileActions = actions
            childEnds = ends
            self.outputs = outputs
        } catch {
            for fd in opened { try? kernel.close(fd) }
            throw error
        }
    }

    /// Closes everything without copying: the child was never spawned.
    func abandon(kernel: Kernel) {
        for fd in childEnds { try? kernel.close(fd) }
        for output in outputs {
            try? kernel.close(output.pipeRead)
            try? kernel.close(output.fifo)
        }
        if let stdinPipeWrite { try? kernel.close(stdinPipeWrite) }
        childEnds = []
        outputs = []
    }

    /// After the spawn: drops the shim's copies of the child's ends (so that end of file comes
    /// when the container's side closes) and starts one copier thread per stream.
    func startCopying(kernel: Kernel) {
        for fd in childEnds { try? kernel.close(fd) }
        childEnds = []
        for output in outputs {
            lock.withLock { liveCopiers += 1 }
            do {
                try kernel.spawnThread(name: "copy-\(output.name)") { [self] threadKernel in
                    copy(threadKernel, output)
                }
            } catch {
                try? kernel.close(output.pipeRead)
                try? kernel.close(output.fifo)
                lock.withLock { liveCopiers -= 1 }
            }
        }
        outputs = []
        if let stdinFIFO, let stdinPipeWrite {
            do {
                try kernel.spawnThread(name: "copy-stdin") { threadKernel in
                    ProcessIO.copyInput(threadKernel, from: stdinFIFO, to: stdinPipeWrite)
                }
            } catch {
                try? kernel.close(stdinPipeWrite)
            }
        }
    }

    private func copy(_ kernel: Kernel, _ output: Output) {
        var fifoOpen = true
        while true {
            let bytes: [UInt8]
            do {
                bytes = try kernel.read(output.pipeRead, count: 32768)
            } catch Errno.EINTR {
                continue
            } catch {
                break
            }
            if bytes.isEmpty { break }
            guard fifoOpen else { continue }
            do {
                try kernel.writeAll(output.fifo, bytes)
            } catch {
                // The reader went away: keep draining so the container never blocks on a full pipe.
                fifoOpen = false
                try? kernel.close(output.fifo)
            }
        }
        if fifoOpen { try? kernel.close(output.fifo) }
        try? kernel.close(output.pipeRead)
        lock.withLock {
            liveCopiers -= 1
            lock.broadcast()
        }
    }

    private static func copyInput(_ kernel: Kernel, from path: String, to pipeWrite: FileDescriptor) {
        defer { try? kernel.close(pipeWrite) }
        guard let fifo = try? kernel.open(path, [.readOnly, .closeOnExec], mode: 0) else { return }
        defer { try? kernel.close(fifo) }
        while let bytes = try? kernel.read(fifo, count: 32768), !bytes.isEmpty {
            guard (try? kernel.writeAll(pipeWrite, bytes)) != nil else { return }
        }
    }

    /// Waits until every output copier has reached end of file and closed its FIFO, or until
    /// `timeoutNanoseconds` passed (containerd's init.delete waits at most 2 s for its copiers).
    /// Returns whether the copiers finished.
    @discardableResult
    func waitForCopiers(kernel: Kernel, timeoutNanoseconds: Int64? = nil) -> Bool {
        deadline.wait(kernel: kernel, timeoutNanoseconds: timeoutNanoseconds) { liveCopiers > 0 }
    }
}

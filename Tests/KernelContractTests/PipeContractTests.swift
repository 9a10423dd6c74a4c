import KernelInterface
import Testing

@Suite("Kernel contract: pipes and FIFOs")
struct PipeContractTests {
    @Test("a pipe delivers its bytes, then end of file once the writers are gone", arguments: contractBackends)
    func pipeEndOfFile(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let (readEnd, writeEnd) = try kernel.pipe(closeOnExec: true)
            try kernel.writeAll(writeEnd, "through the pipe")
            try kernel.close(writeEnd)
            try check(String(decoding: try kernel.readAll(readEnd), as: UTF8.self) == "through the pipe", "content")
            try check(try kernel.read(readEnd, count: 10).isEmpty, "EOF")
            try kernel.close(readEnd)
        }
    }

    @Test("a reader blocked on an empty pipe is woken by another thread's write", arguments: contractBackends)
    func blockingHandOff(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let (readEnd, writeEnd) = try kernel.pipe(closeOnExec: true)
            try kernel.spawnThread(name: "writer") { threadKernel in
                try? threadKernel.nanosleep(1_000_000)
                try? threadKernel.writeAll(writeEnd, "late")
                try? threadKernel.close(writeEnd)
            }
            let before = kernel.clockGettime(.monotonic)
            try check(String(decoding: try kernel.readAll(readEnd), as: UTF8.self) == "late", "handed off")
            try check(kernel.clockGettime(.monotonic) - before >= 1_000_000, "reader waited for the writer's sleep")
            try kernel.close(readEnd)
        }
    }

    @Test("a write with no reader fails EPIPE when SIGPIPE is ignored", arguments: contractBackends)
    func brokenPipe(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.ignoreSignal(.SIGPIPE, true)
            let (readEnd, writeEnd) = try kernel.pipe(closeOnExec: true)
            try kernel.close(readEnd)
            try checkErrno(.EPIPE) { try kernel.write(writeEnd, [1]) }
            try kernel.close(writeEnd)
        }
    }

    @Test("non-blocking reads of an empty pipe fail EAGAIN and poll reports readiness", arguments: contractBackends)
    func nonBlockingAndPoll(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let (readEnd, writeEnd) = try kernel.pipe(closeOnExec: true)
            try kernel.setNonBlocking(readEnd, true)
            try checkErrno(.EAGAIN) { try kernel.read(readEnd, count: 1) }
            try check(try kernel.pollReadable([readEnd], timeoutNanoseconds: 0).isEmpty, "nothing ready")
            try check(try kernel.pollReadable([readEnd], timeoutNanoseconds: 5_000_000).isEmpty, "timeout passes")
            _ = try kernel.write(writeEnd, [7])
            try check(try kernel.pollReadable([readEnd], timeoutNanoseconds: nil) == [readEnd], "ready")
            try kernel.close(readEnd)
            try kernel.close(writeEnd)
        }
    }

    @Test("opening a FIFO for reading waits for a writer in another process", arguments: contractBackends)
    func fifoOpenBlocks(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.mknod("/tmp/exec.fifo", kind: .fifo, mode: 0o622, major: 0, minor: 0)
            try check(try kernel.stat("/tmp/exec.fifo").kind == .fifo, "fifo kind")
            let writer = try kernel.spawn(SpawnRequest(path: backend.helperPath("fifo-writer"), arguments: ["fifo-writer", "/tmp/exec.fifo", "0"], environment: []))
            let fd = try kernel.open("/tmp/exec.fifo", .readOnly, mode: 0)
            try check(String(decoding: try kernel.readAll(fd), as: UTF8.self) == "0", "fifo data")
            try kernel.close(fd)
            try check(try kernel.wait4(writer, options: [])?.status == .exited(0), "writer exit")
            try checkErrno(.ENXIO) { try kernel.open("/tmp/exec.fifo", [.writeOnly, .nonBlocking], mode: 0) }
            let both = try kernel.open("/tmp/exec.fifo", .readWrite, mode: 0)
            try kernel.close(both)
            try kernel.unlink("/tmp/exec.fifo")
        }
    }
}

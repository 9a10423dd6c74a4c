import KernelInterface
import Testing

@Suite("Kernel contract: procfs, mount and network namespaces")
struct ProcContractTests {
    @Test("opening /proc/self/fd/N of an O_PATH FIFO opens the FIFO itself, as runc's exec.fifo needs", arguments: contractBackends)
    func execFifoThroughProc(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.mknod("/run/exec.fifo", kind: .fifo, mode: 0o622, major: 0, minor: 0)
            let handle = try kernel.open("/run/exec.fifo", .path, mode: 0)
            let link = try kernel.readlink("/proc/self/fd/\(handle.rawValue)")
            try check(link == "/run/exec.fifo", "fd link \(link)")
            let writer = try kernel.spawn(SpawnRequest(
                path: backend.helperPath("fifo-writer"), arguments: ["fifo-writer", "/proc/self/fd/\(handle.rawValue)", "0"], environment: []))
            try kernel.close(handle)
            let reader = try kernel.open("/run/exec.fifo", [.readOnly, .closeOnExec], mode: 0)
            try check(try kernel.readAll(reader) == Array("0".utf8), "start signal")
            try check(try kernel.wait4(writer, options: [])?.status == .exited(0), "writer done")
            try kernel.close(reader)
            try kernel.unlink("/run/exec.fifo")
        }
    }

    @Test("/proc/self/fd lists the descriptors and names pipes", arguments: contractBackends)
    func fdDirectory(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let (readEnd, writeEnd) = try kernel.pipe(closeOnExec: true)
            let names = try kernel.readdir("/proc/self/fd").map(\.name)
            try check(names.contains(String(readEnd.rawValue)) && names.contains("0"), "fd names \(names)")
            let link = try kernel.readlink("/proc/self/fd/\(readEnd.rawValue)")
            try check(link.hasPrefix("pipe:["), "pipe link \(link)")
            let status = try kernel.readTextFile("/proc/self/status")
            try check(status.contains("Pid:\t\(kernel.getpid().rawValue)\n") && status.contains("CapEff:\t"), "status: \(status)")
            try kernel.close(readEnd)
            try kernel.close(writeEnd)
        }
    }

    @Test("a mount in a new mount namespace is invisible outside it", arguments: contractBackends)
    func mountNamespaceIsolation(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let (output, status) = try kernel.runHelper(backend, "mount-tmpfs", ["/tmp/private-mnt"], namespaces: .mount)
            try check(status == .exited(0) && output == "mounted", "inside: \(output)")
            try check(!(try kernel.readTextFile("/proc/mounts")).contains("/tmp/private-mnt"), "outside unchanged")
            try kernel.rmdir("/tmp/private-mnt")
        }
    }

    @Test("abstract UNIX sockets belong to the network namespace", arguments: contractBackends)
    func abstractSockets(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let server = try kernel.socket(.unix, .stream, closeOnExec: true)
            try kernel.bind(server, .unix("\u{0}glassbox-test"))
            try kernel.listen(server, backlog: 1)
            let same = try kernel.runHelper(backend, "connect-to", ["@glassbox-test"])
            try check(same.output == "connected", "same namespace: \(same.output)")
            let other = try kernel.runHelper(backend, "connect-to", ["@glassbox-test"], namespaces: .network)
            try check(other.output == "ECONNREFUSED", "new network namespace: \(other.output)")
            try kernel.close(server)
        }
    }
}

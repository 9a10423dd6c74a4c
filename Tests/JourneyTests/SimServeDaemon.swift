import KernelInterface
import LinuxKernel
import TestSupport
import Trace

/// `glassbox sim serve` as a subprocess, with its socket, trace and log in a temporary
/// directory of its own; stopped with SIGTERM, then SIGKILL after a bound.
final class SimServeDaemon: DockerDaemonUnderTest {
    static let kernel = LinuxKernel()
    static let glassbox = DockerCLIDaemon.sibling("glassbox")
    static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { kernel.exists($0) }
    /// Whether uid 65534 could execute the glassbox beside the tests: every directory on the
    /// way must be searchable by others, and the file executable by them.
    static var nobodyCanRun: Bool {
        guard let glassbox else { return false }
        var path = ""
        for component in glassbox.split(separator: "/").dropLast() {
            path += "/" + component
            guard let status = try? kernel.stat(path), status.permissions & 0o001 != 0 else { return false }
        }
        return ((try? kernel.stat(glassbox))?.permissions ?? 0) & 0o001 != 0
    }

    let directory: String
    let pid: ProcessID
    var socket: String { directory + "/gb.sock" }
    var tracePath: String { directory + "/serve.jsonl" }
    private var ended: WaitStatus?

    /// Starts a server in a new directory (or `directory`, to find a socket left there) and
    /// waits until it listens (at most 30 s). With `asNobody`, runs it through that setpriv as
    /// uid and gid 65534, in a world-writable directory.
    init(directory: String? = nil, asNobody setpriv: String? = nil) throws {
        let kernel = SimServeDaemon.kernel
        guard let glassbox = SimServeDaemon.glassbox else { throw Errno.ENOENT }
        let directory = directory ?? "/tmp/gbserve-" + hexString(kernel.getrandom(6))
        self.directory = directory
        if !kernel.exists(directory) {
            try kernel.mkdir(directory, mode: 0o755)
            try kernel.chmod(directory, mode: 0o1777)
        }
        let log = try kernel.open(directory + "/serve.log", [.writeOnly, .create, .truncate, .closeOnExec], mode: 0o666)
        defer { try? kernel.close(log) }
        var arguments = [glassbox, "--trace", directory + "/serve.jsonl", "sim", "serve", "--socket", directory + "/gb.sock"]
        if let setpriv { arguments = [setpriv, "--reuid", "65534", "--regid", "65534", "--clear-groups"] + arguments }
        let null = try kernel.open("/dev/null", [.readOnly, .closeOnExec], mode: 0)
        defer { try? kernel.close(null) }
        pid = try kernel.spawn(SpawnRequest(
            path: arguments[0], arguments: arguments, environment: ["PATH=/usr/local/bin:/usr/bin:/bin"],
            fileActions: [.duplicate(null, to: .standardInput), .duplicate(log, to: .standardOutput), .duplicate(log, to: .standardError)]
        ))
        for _ in 0..<3_000 {
            if (try? kernel.readTextFile(directory + "/serve.log"))?.contains("serves the Docker Engine API") == true { return }
            if let (_, status) = try kernel.wait4(pid, options: .noHang) {
                ended = status
                break
            }
            try kernel.nanosleep(10_000_000)
        }
        let written = (try? kernel.readTextFile(directory + "/serve.log")) ?? ""
        throw ServeDidNotStart(description: "glassbox sim serve did not start (\(String(describing: ended))): \(written)")
    }

    struct ServeDidNotStart: Error, CustomStringConvertible {
        let description: String
    }

    func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let outcome = try HostCommand.run(program, arguments, environment: [
            "DOCKER_HOST=" + host, "PATH=/root/.pyenv/shims:/usr/local/bin:/usr/bin:/bin", "HOME=/root", "NO_COLOR=1",
        ], timeLimitSeconds: 60)
        return (outcome.status ?? -1, outcome.stdout, outcome.stderr)
    }

    /// SIGTERM, then SIGKILL when it has not ended within 10 s; its status.
    @discardableResult
    func stop() -> WaitStatus? {
        if let ended { return ended }
        let kernel = SimServeDaemon.kernel
        try? kernel.kill(pid, .SIGTERM)
        for _ in 0..<1_000 {
            do {
                if let (_, status) = try kernel.wait4(pid, options: .noHang) {
                    ended = status
                    return status
                }
            } catch {
                return nil  // ECHILD: a test reaped it already
            }
            try? kernel.nanosleep(10_000_000)
        }
        try? kernel.kill(pid, .SIGKILL)
        ended = (try? kernel.wait4(pid, options: [])).flatMap { $0?.status }
        return nil
    }

    /// Stops the server if it still runs and removes its directory.
    func remove() {
        if ended == nil { stop() }
        try? SimServeDaemon.kernel.removeAll(directory)
    }
}

@testable import Engine
import KernelInterface
import Trace
import Wire

/// What the restore tests do inside a simulated machine, from a client program that init runs
/// once its dockerd listens: glassbox commands with the machine's console as their stdio, each
/// after a `== label` line so a test finds its output, and dockerd stopped (SIGTERM), killed
/// (SIGKILL) and started again on the same data and exec roots.
///
///     init ──exec──▶ glassbox-dockerd (the first)
///     init ──exec──▶ driver ──exec──▶ glassbox run …, glassbox ps -a …
///                           ──SIGTERM/SIGKILL──▶ the dockerd that runs
///                           ──exec──▶ glassbox-dockerd (the next, on the same roots)
final class RestoreDriver {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let context: ProcessContext
    /// The dockerd this driver started, which it must reap; nil while init's runs.
    private var daemon: ProcessID?
    var kernel: Kernel { context.kernel }

    init(_ context: ProcessContext) {
        self.context = context
    }

    /// Runs `body`, printing what failed on stderr; the program's status.
    static func run(_ context: ProcessContext, _ body: (RestoreDriver) throws -> Void) -> Int32 {
        do {
            try body(RestoreDriver(context))
            return 0
        } catch {
            context.printError("restore-driver: \(error)")
            return 1
        }
    }

    /// `glassbox ARGUMENTS` after a `== label` line; its exit status.
    @discardableResult
    func glassbox(_ label: String, _ arguments: [String]) throws -> Int32 {
        context.print("== \(label)")
        let pid = try kernel.spawn(SpawnRequest(path: "/usr/bin/glassbox", arguments: ["glassbox"] + arguments, environment: context.environment))
        return try reap(pid)
    }

    /// Prints a `== label` line and then `text`.
    func report(_ label: String, _ text: String) {
        context.print("== \(label)\n" + text)
    }

    /// Waits for a child of this driver; its exit status.
    func reap(_ pid: ProcessID) throws -> Int32 {
        while true {
            if let (reaped, status) = try kernel.wait4(pid, options: []), reaped == pid { return status.exitCode }
        }
    }

    /// Signals the running dockerd and waits until it is gone (reaped by this driver or by
    /// init), for at most a minute of the machine's time.
    func stopDaemon(_ signal: Signal) throws {
        if let daemon {
            try kernel.kill(daemon, signal)
            _ = try reap(daemon)
            self.daemon = nil
            return
        }
        let pid = try kernel.readdir("/proc").compactMap { Int32($0.name) }.first { pid in
            (try? kernel.readFile("/proc/\(pid)/comm")).map { String(decoding: $0, as: UTF8.self).hasPrefix("glassbox-docker") } ?? false
        }
        guard let pid else { throw Failure(description: "no dockerd in /proc") }
        try kernel.kill(ProcessID(rawValue: pid), signal)
        for _ in 0..<6000 {
            if (try? kernel.readFile("/proc/\(pid)/comm")) == nil { return }
            try kernel.nanosleep(10_000_000)
        }
        throw Failure(description: "dockerd still runs a minute after \(signal.name)")
    }

    /// Starts a dockerd on the default roots with `arguments` besides, its stderr on the
    /// console's, and waits until its socket accepts. Its registry takes a free port, as the
    /// one of the dockerd before may not have let go of 5000 yet.
    /// Starts dockerd and waits up to `seconds` (virtual) for its API: a restore that stops a
    /// container first takes the container's stop timeout.
    func startDaemon(_ arguments: [String] = [], seconds: Int = 1) throws {
        let null = try kernel.open("/dev/null", [.readWrite, .closeOnExec], mode: 0)
        defer { try? kernel.close(null) }
        daemon = try kernel.spawn(SpawnRequest(
            path: "/usr/bin/glassbox-dockerd",
            arguments: ["glassbox-dockerd", "-H", "unix:///run/glassbox.sock", "--registry-listen", "127.0.0.1:0"] + arguments,
            environment: context.environment, fileActions: [.duplicate(null, to: .standardInput), .duplicate(null, to: .standardOutput)]
        ))
        try SimInit.waitForDaemon(kernel, seconds: seconds)
    }

    /// `GET /containers/{reference}/json`, parsed; nil when dockerd answers 404.
    func inspect(_ reference: String) throws -> JSONValue? {
        let http = HTTPClient(kernel: kernel, address: .unix("/run/glassbox.sock"), host: EngineAPI.host, userAgent: "restore-driver")
        let response = try http.send("GET", "/v\(EngineAPI.version)/containers/\(reference)/json")
        if response.status == 404 { return nil }
        guard response.status == 200 else { throw Failure(description: "inspect \(reference): \(response.statusLine)") }
        return try JSONParser.parse(response.body)
    }

    /// The full id of a container, which its files are named by.
    func id(_ reference: String) throws -> String {
        guard let id = try inspect(reference)?["Id"]?.stringValue else { throw Failure(description: "no container \(reference)") }
        return id
    }

    /// `name status exit-code` from inspect, or `name gone`.
    func state(_ reference: String) throws -> String {
        guard let state = try inspect(reference)?["State"] else { return "\(reference) gone" }
        return "\(reference) \(state["Status"]?.stringValue ?? "?") \(state["ExitCode"]?.intValue ?? -1)"
    }

    /// Which of a container's directories are left: its own and its layer's.
    func files(_ id: String) -> String {
        let left = ["/var/lib/glassbox/containers/" + id, "/var/lib/glassbox/overlay2/" + id].filter { kernel.exists($0) }
        return left.isEmpty ? "none" : left.joined(separator: " ")
    }

    /// The names in a directory, sorted, without `.` and `..`.
    func entries(_ path: String) -> [String] {
        ((try? kernel.readdir(path)) ?? []).map(\.name).filter { $0 != "." && $0 != ".." }.sorted()
    }
}

extension Journey {
    /// What the driver printed after `== label`, up to the next label, without trailing
    /// empty lines.
    func section(_ label: String) -> String {
        var lines: [Substring] = []
        var inside = false
        for line in standardOutput.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("== ") {
                inside = line == "== " + label
                continue
            }
            if inside { lines.append(line) }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

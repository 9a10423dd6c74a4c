@testable import Engine
import KernelInterface
import SimKernel
import Synchronization
import Trace
import Wire

/// One simulated machine running several steps against one dockerd, for the Engine API and
/// client tests: `glassbox` commands (each spawned as /usr/bin/glassbox, as a shell would),
/// raw HTTP requests on the daemon's socket (`HTTP METHOD TARGET [BODY]`), and `RACE N NAME
/// IMAGE` (N concurrent creates of one name). Each step's output is kept apart:
///
///     session-init ──exec──▶ glassbox-dockerd
///     session-init ──exec──▶ glassbox ps -a        (stdout, stderr: the console, framed by markers)
///     session-init ──HTTP──▶ dockerd               (the answer printed as "STATUS BODY")
struct EngineSession {
    struct Step: Sendable {
        let status: Int32
        let output: String
        let error: String
    }

    let steps: [Step]
    let trace: [UInt8]

    subscript(index: Int) -> Step { steps[index] }

    var events: [TraceEvent] { trace.split(separator: 0x0A).compactMap { try? TraceEvent(line: $0) } }

    static let marker = "\u{1E}step "

    /// `daemonArguments`: dockerd's flags beyond `-H` (`--exec-root /run/other`).
    static func run(_ steps: [[String]], seed: UInt64 = 7, traced: Bool = false,
                    files: [(String, [UInt8])] = [], daemonArguments: [String] = []) throws -> EngineSession {
        let output = Mutex<[UInt8]>([]), errors = Mutex<[UInt8]>([]), trace = Mutex<[UInt8]>([])
        let machine = SimMachine(SimMachine.Configuration(seed: seed))
        Installation.install(into: machine)
        machine.installExecutable("/sbin/session-init", program: SessionInit.program)
        machine.installHostOutput(SimInit.console.stdout) { bytes in output.withLock { $0 += bytes } }
        machine.installHostOutput(SimInit.console.stderr) { bytes in errors.withLock { $0 += bytes } }
        machine.installHostInput(SimInit.console.stdin) { _ in [] }
        for (path, contents) in files { machine.installFile(path, contents: contents) }
        var environment: [String] = []
        if traced {
            machine.installTraceFile(SimJourney.tracePath) { bytes in trace.withLock { $0 += bytes } }
            environment.append("\(ProcessContext.traceEnvironmentName)=\(SimJourney.tracePath)")
        }
        var arguments = ["session-init"] + daemonArguments
        for step in steps { arguments += ["--"] + step }
        _ = try machine.boot(path: "/sbin/session-init", arguments: arguments, environment: environment,
                             stdin: SimInit.console.stdin, stdout: SimInit.console.stdout, stderr: SimInit.console.stderr)
        let outputs = split(String(decoding: output.withLock { $0 }, as: UTF8.self))
        let errorTexts = split(String(decoding: errors.withLock { $0 }, as: UTF8.self))
        let results = (0..<steps.count).map { index in
            let (status, text) = outputs[index] ?? (-1, "")
            return Step(status: status, output: text, error: errorTexts[index]?.1 ?? "")
        }
        return EngineSession(steps: results, trace: trace.withLock { $0 })
    }

    /// The text between `marker N` lines, and the status written after each step.
    static func split(_ text: String) -> [Int: (Int32, String)] {
        var parts: [Int: (Int32, String)] = [:]
        var current: Int? = nil
        var buffer = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(marker) {
                let words = line.dropFirst(marker.count).split(separator: " ")
                if words.count == 2, words[0] == "end", let index = current {
                    if buffer.hasSuffix("\n") { buffer.removeLast() }
                    parts[index] = (Int32(words[1]) ?? -1, buffer)
                    current = nil
                } else if let index = Int(words.first ?? "") {
                    current = index
                    buffer = ""
                }
                continue
            }
            if current != nil { buffer += line + "\n" }
        }
        return parts
    }
}

/// pid 1 of a session machine: starts dockerd as SimInit does, then runs each step. Its
/// arguments are dockerd's extra flags, then each step after a `--`.
enum SessionInit {
    static let program = Program(name: "session-init", participant: nil) { context in main(context) }

    static func main(_ context: ProcessContext) -> Int32 {
        let kernel = context.kernel
        var daemonArguments: [String] = []
        var steps: [[String]] = []
        for argument in context.arguments.dropFirst() {
            if argument == "--" {
                steps.append([])
            } else if steps.isEmpty {
                daemonArguments.append(argument)
            } else {
                steps[steps.count - 1].append(argument)
            }
        }
        var environment = ["PATH=/usr/bin:/bin", "HOME=/root"]
        environment += context.environment.filter { $0.hasPrefix(ProcessContext.traceEnvironmentName + "=") }
        do {
            let null = try kernel.open("/dev/null", [.readWrite], mode: 0)
            _ = try kernel.spawn(SpawnRequest(
                path: "/usr/bin/glassbox-dockerd", arguments: ["glassbox-dockerd", "-H", "unix:///run/glassbox.sock"] + daemonArguments,
                environment: environment, fileActions: [.duplicate(null, to: .standardInput), .duplicate(null, to: .standardOutput), .duplicate(null, to: .standardError)]
            ))
            try? kernel.close(null)
            try SimInit.waitForDaemon(kernel)
            for (index, step) in steps.enumerated() {
                for fd in [FileDescriptor.standardOutput, .standardError] { try kernel.writeAll(fd, "\(EngineSession.marker)\(index)\n") }
                let status = try run(step, environment: environment, context: context)
                for fd in [FileDescriptor.standardOutput, .standardError] { try kernel.writeAll(fd, "\n\(EngineSession.marker)end \(status)\n") }
            }
            return 0
        } catch {
            context.printError("session-init: \(error)")
            return 125
        }
    }

    static func run(_ step: [String], environment: [String], context: ProcessContext) throws -> Int32 {
        let kernel = context.kernel
        switch step.first {
        case "HTTP":
            let client = HTTPClient(kernel: kernel, address: .unix("/run/glassbox.sock"), host: EngineAPI.host, userAgent: "session")
            let body = step.count > 3 ? Array(step[3].utf8) : []
            let headers = body.isEmpty ? [] : [("Content-Type", "application/json")]
            let response = try client.send(step[1], step[2], headers: headers, body: body)
            context.print("\(response.status) " + String(decoding: response.body, as: UTF8.self), terminator: "")
            return 0
        case "RACE":
            return try race(count: Int(step[1]) ?? 1, name: step[2], image: step[3], context: context)
        case "SLEEP":
            try kernel.nanosleep(Int64(step[1]) ?? 0)
            return 0
        default:
            let client = try kernel.spawn(SpawnRequest(path: "/usr/bin/glassbox", arguments: ["glassbox"] + step, environment: environment))
            while true {
                guard let (pid, status) = try kernel.wait4(nil, options: []) else { continue }
                if pid == client { return status.exitCode }
            }
        }
    }

    /// N threads create a container of one name at once; prints the sorted statuses.
    static func race(count: Int, name: String, image: String, context: ProcessContext) throws -> Int32 {
        let kernel = context.kernel
        final class Results: @unchecked Sendable { var statuses: [Int] = [] }
        let results = Results()
        let lock = kernel.makeLock()
        let body = Array("{\"Image\":\"\(image)\",\"Cmd\":[\"true\"]}".utf8)
        for _ in 0..<count {
            try kernel.spawnThread(name: "race") { threadKernel in
                let client = HTTPClient(kernel: threadKernel, address: .unix("/run/glassbox.sock"), host: EngineAPI.host, userAgent: "race")
                let status = (try? client.send("POST", "/v1.41/containers/create?name=\(name)", headers: [("Content-Type", "application/json")], body: body))?.status ?? 0
                lock.withLock {
                    results.statuses.append(status)
                    lock.broadcast()
                }
            }
        }
        try lock.withLock { while results.statuses.count < count { try lock.wait() } }
        context.print(results.statuses.sorted().map(String.init).joined(separator: " "))
        return 0
    }
}

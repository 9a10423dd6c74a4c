@testable import Engine
import KernelInterface
import SimKernel
import Synchronization
import Trace

/// A simulated machine whose client runs on a pseudo-terminal, as a person at a terminal
/// would run `glassbox run -it`: pid 1 starts dockerd, mounts devpts, opens a pty pair with a
/// 40x100 window, and runs each step's client with the slave as its stdio. A step's script is
/// pairs of (text to wait for on the master, keys to type); what the master read, byte for
/// byte, is the step's transcript. Steps without a script run like any other command.
///
///     terminal-init ──openpty──▶ master ◀──▶ /dev/pts/0 = stdio of `glassbox run -it busybox sh`
struct TerminalSession {
    struct Step: Sendable {
        var arguments: [String]
        var script: [(wait: String, type: String)] = []
        /// Whether the client runs on the pty (a step with a script always does).
        var onTerminal = false
    }

    struct Result: Sendable {
        let status: Int32
        let transcript: String
    }

    let results: [Result]
    let trace: [UInt8]
    subscript(index: Int) -> Result { results[index] }

    static let rows: UInt16 = 40
    static let columns: UInt16 = 100

    static func run(_ steps: [Step], seed: UInt64 = 7, traced: Bool = false) throws -> TerminalSession {
        let collected = Mutex<[Result]>([])
        let errors = Mutex<[UInt8]>([]), trace = Mutex<[UInt8]>([])
        let machine = SimMachine(SimMachine.Configuration(seed: seed))
        Installation.install(into: machine)
        var environment = ["PATH=/usr/bin:/bin", "HOME=/root", "TERM=xterm"]
        if traced {
            machine.installTraceFile(SimJourney.tracePath) { bytes in trace.withLock { $0 += bytes } }
            environment.append("\(ProcessContext.traceEnvironmentName)=\(SimJourney.tracePath)")
        }
        let program = Program(name: "terminal-init", participant: nil) { [environment] context in
            main(context, steps: steps, environment: environment) { result in collected.withLock { $0.append(result) } }
        }
        machine.installExecutable("/sbin/terminal-init", program: program)
        machine.installHostOutput(SimInit.console.stdout) { _ in }
        machine.installHostOutput(SimInit.console.stderr) { bytes in errors.withLock { $0 += bytes } }
        machine.installHostInput(SimInit.console.stdin) { _ in [] }
        let status = try machine.boot(path: "/sbin/terminal-init", arguments: ["terminal-init"], environment: [],
                                      stdin: SimInit.console.stdin, stdout: SimInit.console.stdout, stderr: SimInit.console.stderr)
        let results = collected.withLock { $0 }
        guard status == .exited(0), results.count == steps.count else {
            throw SessionFailure(description: "terminal-init ended \(status) after \(results.count) steps: "
                                 + String(decoding: errors.withLock { $0 }, as: UTF8.self))
        }
        return TerminalSession(results: results, trace: trace.withLock { $0 })
    }

    struct SessionFailure: Error, CustomStringConvertible {
        let description: String
    }

    static func main(_ context: ProcessContext, steps: [Step], environment: [String], report: (Result) -> Void) -> Int32 {
        let kernel = context.kernel
        do {
            let null = try kernel.open("/dev/null", [.readWrite], mode: 0)
            _ = try kernel.spawn(SpawnRequest(
                path: "/usr/bin/glassbox-dockerd", arguments: ["glassbox-dockerd", "-H", "unix:///run/glassbox.sock"],
                environment: environment,
                fileActions: [.duplicate(null, to: .standardInput), .duplicate(null, to: .standardOutput), .duplicate(null, to: .standardError)]
            ))
            try SimInit.waitForDaemon(kernel)
            try kernel.mkdirAll("/dev/pts")
            try kernel.mount(source: "devpts", target: "/dev/pts", fstype: "devpts", flags: [], data: "newinstance,ptmxmode=0666")
            try kernel.symlink("pts/ptmx", "/dev/ptmx")
            for step in steps {
                if step.script.isEmpty, !step.onTerminal {
                    let pid = try kernel.spawn(SpawnRequest(path: "/usr/bin/glassbox", arguments: ["glassbox"] + step.arguments, environment: environment,
                                                            fileActions: [.duplicate(null, to: .standardInput), .duplicate(null, to: .standardOutput)]))
                    report(Result(status: try waitFor(pid, kernel), transcript: ""))
                    continue
                }
                report(try runOnTerminal(step, environment: environment, kernel: kernel))
            }
            return 0
        } catch {
            context.printError("terminal-init: \(error)")
            return 125
        }
    }

    /// The client on a new pty: type each key sequence once its cue has shown, then read until
    /// the client's side is closed (EIO on the master) and reap the client.
    static func runOnTerminal(_ step: Step, environment: [String], kernel: Kernel) throws -> Result {
        let (master, slavePath) = try kernel.openpty(closeOnExec: true)
        defer { try? kernel.close(master) }
        try kernel.setWindowSize(master, rows: rows, columns: columns)
        let slave = try kernel.open(slavePath, [.readWrite, .closeOnExec], mode: 0)
        let pid = try kernel.spawn(SpawnRequest(
            path: "/usr/bin/glassbox", arguments: ["glassbox"] + step.arguments, environment: environment,
            fileActions: [.duplicate(slave, to: .standardInput), .duplicate(slave, to: .standardOutput), .duplicate(slave, to: .standardError)],
            newSession: true
        ))
        try kernel.close(slave)
        var transcript: [UInt8] = []
        var seen = 0
        // One read of the master; false once the client's side is closed (EIO).
        func readMore() throws -> Bool {
            do {
                let bytes = try kernel.read(master, count: 4096)
                transcript += bytes
                return !bytes.isEmpty
            } catch Errno.EIO {
                return false
            }
        }
        var open = true
        for (cue, keys) in step.script where open {
            while open, !String(decoding: transcript[seen...], as: UTF8.self).contains(cue) { open = try readMore() }
            seen = transcript.count
            if open { try kernel.writeAll(master, Array(keys.utf8)) }
        }
        while open { open = try readMore() }
        return Result(status: try waitFor(pid, kernel), transcript: String(decoding: transcript, as: UTF8.self))
    }

    static func waitFor(_ pid: ProcessID, _ kernel: Kernel) throws -> Int32 {
        while true {
            guard let (reaped, status) = try kernel.wait4(nil, options: []) else { continue }
            if reaped == pid { return status.exitCode }
        }
    }
}

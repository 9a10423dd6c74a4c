import ContractPrograms
import KernelInterface
import LinuxKernel
import SimKernel
import Testing

/// A kernel the contract suite runs against. `run` executes `body` as a process of that kernel
/// (in the simulator: pid 1 of a fresh machine) and rethrows what it threw. The helper programs
/// in `ContractPrograms` must be executable at `helperPath(name)` (the simulator installs them
/// in /bin; a Linux backend can point at a multi-call test executable).
protocol KernelBackend: Sendable, CustomStringConvertible {
    func run(_ body: @escaping @Sendable (Kernel) throws -> Void) throws
    func helperPath(_ name: String) -> String
}

extension KernelBackend {
    func helperPath(_ name: String) -> String { "/bin/" + name }
}

/// Every backend the suite runs on: the simulator with two seeds and, as root, the real kernel.
/// In a Linux contract run's child (see `LinuxBackend`) the only backend is the child's own.
let contractBackends: [any KernelBackend] = {
    let simulators: [any KernelBackend] = [SimBackend(seed: 1), SimBackend(seed: 7, switchProbability: 0.9)]
    #if os(Linux)
    if LinuxProcess.environment.contains(where: { $0.hasPrefix(LinuxBackend.rootVariable + "=") }) { return [LinuxChildBackend()] }
    if LinuxBackend.skipReason == nil { return simulators + [LinuxBackend()] }
    #endif
    return simulators
}()

/// The backends for a contract that needs cgroup v2 with the memory and pids controllers: the
/// simulator's only machine shape, a Linux host only when it is cgroup v2 (this hybrid v1 host
/// binds those controllers to v1 hierarchies).
let cgroupV2Backends: [any KernelBackend] = contractBackends.filter { backend in
    guard backend is SimBackend else {
        let controllers = (try? LinuxKernel().readTextFile("/sys/fs/cgroup/cgroup.controllers")) ?? ""
        return controllers.contains("memory") && controllers.contains("pids")
    }
    return true
}

/// Holds what a simulated program reports to the host test.
final class Outcome: @unchecked Sendable {
    var error: (any Error)?
    var lines: [String] = []
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The simulated machine as a backend: a fresh machine per run, the body as pid 1.
struct SimBackend: KernelBackend {
    var seed: UInt64
    var switchProbability = 0.25
    var description: String { "sim(seed \(seed), switch \(switchProbability))" }

    func run(_ body: @escaping @Sendable (Kernel) throws -> Void) throws {
        let machine = SimMachine(.init(seed: seed, switchProbability: switchProbability))
        let outcome = Outcome()
        for program in ContractPrograms.all { machine.installExecutable("/bin/\(program.name)", program: program) }
        machine.installExecutable("/bin/contract-body", program: Program(name: "contract-body", participant: nil) { context in
            do {
                try body(context.kernel)
                return 0
            } catch {
                outcome.error = error
                return 1
            }
        })
        let status = try machine.boot(path: "/bin/contract-body", arguments: ["contract-body"], environment: ["PATH=/bin"])
        if let error = outcome.error { throw error }
        guard status == .exited(0) else { throw TestFailure("pid 1 ended: \(status)") }
    }
}

/// Throws unless `condition` holds; usable inside simulated processes, where `#expect` would
/// report from the wrong place.
func check(_ condition: Bool, _ message: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if !condition { throw TestFailure("\(sourceLocation.fileName):\(sourceLocation.line): \(message())") }
}

/// Expects `body` to throw `errno`.
func checkErrno<T>(_ errno: Errno, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) throws {
    do {
        _ = try body()
    } catch let error as Errno {
        try check(error == errno, "expected \(errno), got \(error)", sourceLocation: sourceLocation)
        return
    }
    throw TestFailure("\(sourceLocation.fileName):\(sourceLocation.line): expected \(errno), call succeeded")
}

extension Kernel {
    /// Spawns the backend's helper `program` with stdout on a pipe, waits for it, returns its
    /// output and status.
    func runHelper(_ backend: any KernelBackend, _ program: String, _ arguments: [String] = [],
                   namespaces: Namespaces = [], cgroup: FileDescriptor? = nil) throws -> (output: String, status: WaitStatus) {
        let (readEnd, writeEnd) = try pipe(closeOnExec: true)
        let pid: ProcessID
        do {
            pid = try spawn(SpawnRequest(
                path: backend.helperPath(program), arguments: [program] + arguments, environment: ["PATH=/bin"],
                fileActions: [.duplicate(writeEnd, to: .standardOutput)], namespaces: namespaces, cgroup: cgroup))
        } catch {
            try? close(readEnd)
            try? close(writeEnd)
            throw error
        }
        try close(writeEnd)
        let output = String(decoding: try readAll(readEnd), as: UTF8.self)
        try close(readEnd)
        guard let (reaped, status) = try wait4(pid, options: []), reaped == pid else { throw TestFailure("wait4 lost \(pid)") }
        return (output, status)
    }
}

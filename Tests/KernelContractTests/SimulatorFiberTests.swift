import KernelInterface
import SimKernel
import Testing

/// Simulated threads are fibers on the host thread that boots the machine: what a host thread
/// gave them for free (its own stack, its own Swift exclusivity accesses, an end) must still
/// hold.
@Suite("SimKernel: threads as fibers")
struct SimulatorFiberTests {
    /// A value whose mutation spans a Kernel call, so the access to the property holding it is
    /// still open when the thread parks.
    struct Counter {
        var count = 0
        mutating func bump(waitingOn lock: KernelLock) {
            count += 1
            lock.lock()
            count += 1
        }
    }

    final class Shared: @unchecked Sendable {
        var counter = Counter()
    }

    /// The child's main thread returns holding the lock; its other thread, parked in lock()
    /// mid-access, is killed with the process. It takes the lock its ended holder kept, ends its
    /// access and unwinds at its next call, so the parent's access finds none open.
    @Test("a thread killed while parked mid-access finishes the access and leaves none behind")
    func abandonedAccessIsDropped() throws {
        let machine = SimMachine(.init(seed: 5))
        let shared = Shared()
        let outcome = Outcome()
        machine.installExecutable("/bin/parent", program: Program(name: "parent", participant: nil) { context in
            let kernel = context.kernel
            do {
                let child = try kernel.spawn(SpawnRequest(path: "/bin/child", arguments: ["child"], environment: []))
                _ = try kernel.wait4(child, options: [])
                // The child's thread, killed in lock(), runs on to its next call: let it have a turn.
                try kernel.nanosleep(1_000_000)
                shared.counter.count += 10
                outcome.lines.append("\(shared.counter.count)")
            } catch {
                outcome.error = error
            }
            return 0
        })
        machine.installExecutable("/bin/child", program: Program(name: "child", participant: nil) { context in
            let kernel = context.kernel
            let lock = kernel.makeLock()
            lock.lock()
            try? kernel.spawnThread(name: "parked") { _ in shared.counter.bump(waitingOn: lock) }
            // Long enough for the thread to park in lock() before the process exits.
            try? kernel.nanosleep(1_000_000)
            return 0
        })
        #expect(try machine.boot(path: "/bin/parent", arguments: ["parent"], environment: []) == .exited(0))
        if let error = outcome.error { throw error }
        #expect(outcome.lines == ["12"])
    }

    @Test("hundreds of threads, one after another, each run to their end on a stack of their own")
    func manyThreads() throws {
        let machine = SimMachine(.init(seed: 9))
        let outcome = Outcome()
        machine.installExecutable("/bin/many", program: Program(name: "many", participant: nil) { context in
            let kernel = context.kernel
            do {
                let (readEnd, writeEnd) = try kernel.pipe(closeOnExec: true)
                for index in 0..<300 {
                    try kernel.spawnThread(name: "t\(index)") { threadKernel in
                        _ = try? threadKernel.write(writeEnd, [UInt8(index % 256)])
                    }
                    var seen = 0
                    while seen == 0 { seen = try kernel.read(readEnd, count: 1).count }
                }
                outcome.lines.append("300")
            } catch {
                outcome.error = error
            }
            return 0
        })
        #expect(try machine.boot(path: "/bin/many", arguments: ["many"], environment: []) == .exited(0))
        if let error = outcome.error { throw error }
        #expect(outcome.lines == ["300"])
    }
}

import KernelInterface
import SimKernel
import Testing

/// What only the simulator promises: one seed, one run; faults on chosen calls; deadlocks
/// reported instead of hanging.
@Suite("SimKernel: determinism, faults, deadlocks")
struct SimulatorTests {
    /// A run with three threads racing on a pipe and a lock; returns what a person could observe.
    static func observe(seed: UInt64) throws -> [String] {
        let machine = SimMachine(.init(seed: seed))
        let outcome = Outcome()
        machine.installExecutable("/bin/race", program: Program(name: "race", participant: nil) { context in
            let kernel = context.kernel
            do {
                let (readEnd, writeEnd) = try kernel.pipe(closeOnExec: true)
                for index in 0..<3 {
                    try kernel.spawnThread(name: "t\(index)") { threadKernel in
                        for step in 0..<4 { try? threadKernel.writeAll(writeEnd, "\(index)\(step) ") }
                    }
                }
                let child = try kernel.spawn(SpawnRequest(path: "/bin/race-child", arguments: ["race-child"], environment: []))
                var text = ""
                while text.split(separator: " ").count < 12 { text += String(decoding: try kernel.read(readEnd, count: 7), as: UTF8.self) }
                outcome.lines.append(text)
                outcome.lines.append("\(kernel.clockGettime(.realtime))")
                outcome.lines.append("\(kernel.getrandom(8))")
                outcome.lines.append("\(String(describing: try kernel.wait4(child, options: [])))")
                outcome.lines.append("\(kernel.clockGettime(.monotonic))")
            } catch {
                outcome.error = error
            }
            return 0
        })
        machine.installExecutable("/bin/race-child", program: Program(name: "race-child", participant: nil) { context in
            (try? context.kernel.nanosleep(3_000)) == nil ? 1 : 0
        })
        _ = try machine.boot(path: "/bin/race", arguments: ["race"], environment: [])
        if let error = outcome.error { throw error }
        return outcome.lines
    }

    @Test("the same seed gives the same run, another seed other random bytes")
    func determinism() throws {
        let first = try SimulatorTests.observe(seed: 42)
        let second = try SimulatorTests.observe(seed: 42)
        #expect(first == second)
        #expect(first[1].hasPrefix("17672256000"))
        let other = try SimulatorTests.observe(seed: 43)
        #expect(other[2] != first[2])
    }

    @Test("a fault injected at call N fails exactly that call")
    func faultInjection() throws {
        let machine = SimMachine(.init(seed: 3))
        machine.inject(SimMachine.Fault(process: "faulty", call: 2, errno: .EIO))
        let outcome = Outcome()
        machine.installExecutable("/bin/faulty", program: Program(name: "faulty", participant: nil) { context in
            let kernel = context.kernel
            outcome.lines.append((try? kernel.mkdir("/tmp/one", mode: 0o755)) != nil ? "ok" : "failed")
            do {
                try kernel.mkdir("/tmp/two", mode: 0o755)
                outcome.lines.append("ok")
            } catch {
                outcome.lines.append("\(error)")
            }
            outcome.lines.append((try? kernel.mkdir("/tmp/three", mode: 0o755)) != nil ? "ok" : "failed")
            return 0
        })
        let status = try machine.boot(path: "/bin/faulty", arguments: ["faulty"], environment: [])
        #expect(status == .exited(0))
        #expect(outcome.lines == ["ok", "EIO", "ok"])
        #expect(machine.failableCallCounts["faulty"] == 3)
    }

    @Test("calls on a trace file are neither counted nor faulted")
    func traceFileCalls() throws {
        let machine = SimMachine(.init(seed: 4))
        let outcome = Outcome()
        machine.installTraceFile("/run/trace.jsonl") { bytes in outcome.lines.append(String(decoding: bytes, as: UTF8.self)) }
        machine.inject(SimMachine.Fault(process: "traced", call: 1, errno: .ENOSPC))
        machine.installExecutable("/bin/traced", program: Program(name: "traced", participant: "traced") { context in
            do {
                try context.kernel.mkdir("/tmp/traced", mode: 0o755)
                return 0
            } catch {
                return error as? Errno == .ENOSPC ? 10 : 11
            }
        })
        let status = try machine.boot(path: "/bin/traced", arguments: ["traced"], environment: ["GLASSBOX_TRACE=/run/trace.jsonl"])
        #expect(status == .exited(10))
        #expect(machine.failableCallCounts["traced"] == 1)
        #expect(outcome.lines.contains { $0.contains("mkdir") && $0.contains("ENOSPC") })
    }

    @Test("a fault on close still releases the descriptor, as Linux's close does")
    func faultOnClose() throws {
        let machine = SimMachine(.init(seed: 3))
        machine.inject(SimMachine.Fault(process: "closer", call: 2, errno: .EIO))
        let outcome = Outcome()
        machine.installExecutable("/bin/closer", program: Program(name: "closer", participant: nil) { context in
            let kernel = context.kernel
            guard let (readEnd, writeEnd) = try? kernel.pipe(closeOnExec: true) else { return 1 }
            do { try kernel.close(writeEnd) } catch { outcome.lines.append("\(error)") }
            outcome.lines.append(((try? kernel.read(readEnd, count: 1)) ?? [9]).isEmpty ? "EOF" : "open")
            return 0
        })
        #expect(try machine.boot(path: "/bin/closer", arguments: ["closer"], environment: []) == .exited(0))
        #expect(outcome.lines == ["EIO", "EOF"])
    }

    @Test("a crash fault kills the process at that call")
    func crashFault() throws {
        let machine = SimMachine(.init(seed: 3))
        machine.inject(SimMachine.Fault(process: "victim", call: 1, errno: nil))
        machine.installExecutable("/bin/victim", program: Program(name: "victim", participant: nil) { context in
            _ = try? context.kernel.mkdir("/tmp/x", mode: 0o755)
            _ = try? context.kernel.mkdir("/tmp/y", mode: 0o755)
            return 0
        })
        #expect(try machine.boot(path: "/bin/victim", arguments: ["victim"], environment: []) == .signaled(.SIGKILL))
    }

    @Test("a deadlock ends the run with a report of every blocked thread")
    func deadlock() throws {
        let machine = SimMachine(.init(seed: 5))
        machine.installExecutable("/bin/stuck", program: Program(name: "stuck", participant: nil) { context in
            guard let (readEnd, _) = try? context.kernel.pipe(closeOnExec: true) else { return 2 }
            _ = try? context.kernel.read(readEnd, count: 1)
            return 0
        })
        do {
            _ = try machine.boot(path: "/bin/stuck", arguments: ["stuck"], environment: [])
            Issue.record("boot returned from a deadlocked run")
        } catch let failure as SimMachine.Failure {
            #expect(failure.description.contains("deadlock"))
            #expect(failure.description.contains("pid 1 (stuck)"))
            #expect(failure.description.contains("read on pipe"))
        }
    }

    @Test("after pid 1 exits everything is killed and only the root mount namespace is left")
    func shutdown() throws {
        let machine = SimMachine(.init(seed: 9))
        machine.installExecutable("/bin/sleep", program: Program(name: "sleep", participant: nil) { context in
            (try? context.kernel.nanosleep(1_000_000_000_000)) == nil ? 1 : 0
        })
        machine.installExecutable("/bin/leaver", program: Program(name: "leaver", participant: nil) { context in
            _ = try? context.kernel.spawn(SpawnRequest(path: "/bin/sleep", arguments: ["sleep"], environment: [], namespaces: [.mount, .pid]))
            _ = try? context.kernel.mkdir("/sys/fs/cgroup/left", mode: 0o755)
            return 3
        })
        #expect(try machine.boot(path: "/bin/leaver", arguments: ["leaver"], environment: []) == .exited(3))
        #expect(machine.liveProcesses.map(\.pid) == [1])
        #expect(Set(machine.mountTable.map(\.namespace)).count == 1)
        #expect(machine.cgroupPaths == ["/left"])
        #expect(machine.openFileDescriptions == 0)
    }

    @Test("a thread killed while it waits on a condition unwinds, and the finished machine is freed")
    func killedWaiterUnwinds() throws {
        final class Flag: @unchecked Sendable { var unwound = false }
        let flag = Flag()
        weak var weakMachine: SimMachine?
        do {
            let machine = SimMachine(.init(seed: 3))
            machine.installExecutable("/bin/waiter", program: Program(name: "waiter", participant: nil) { context in
                let lock = context.kernel.makeLock()
                try? context.kernel.spawnThread(name: "waiter") { _ in
                    lock.lock()
                    do { while true { try lock.wait() } } catch { flag.unwound = true }
                }
                try? context.kernel.nanosleep(1_000_000)
                return 0
            })
            _ = try machine.boot(path: "/bin/waiter", arguments: ["waiter"], environment: [])
            weakMachine = machine
        }
        #expect(flag.unwound, "wait threw when the process exited")
        #expect(weakMachine == nil, "no stack was left holding the machine")
    }

    @Test("threads parked on a lock or a condition end when their process exits")
    func parkedThreadsEnd() throws {
        let machine = SimMachine(.init(seed: 11))
        machine.installExecutable("/bin/waiter", program: Program(name: "waiter", participant: nil) { context in
            let kernel = context.kernel
            let condition = kernel.makeLock()
            let held = kernel.makeLock()
            held.lock()
            try? kernel.spawnThread(name: "condition") { _ in
                condition.lock()
                do { while true { try condition.wait() } } catch {}  // thrown when the process exits
            }
            try? kernel.spawnThread(name: "blocked") { _ in
                held.lock()
            }
            try? kernel.nanosleep(1_000)
            return 4
        })
        #expect(try machine.boot(path: "/bin/waiter", arguments: ["waiter"], environment: []) == .exited(4))
    }

    @Test("/proc/self shows the program's argv, executable and full capabilities of root")
    func procSelf() throws {
        let machine = SimMachine(.init(seed: 2))
        let outcome = Outcome()
        machine.installExecutable("/usr/bin/show", program: Program(name: "show", participant: nil) { context in
            let kernel = context.kernel
            outcome.lines.append(String(decoding: (try? kernel.readFile("/proc/self/cmdline")) ?? [], as: UTF8.self))
            outcome.lines.append((try? kernel.readlink("/proc/self/exe")) ?? "")
            outcome.lines.append(((try? kernel.readTextFile("/proc/1/status")) ?? "").split(separator: "\n").filter { $0.hasPrefix("CapEff") }.joined())
            return 0
        })
        #expect(try machine.boot(path: "/usr/bin/show", arguments: ["show", "-x"], environment: []) == .exited(0))
        #expect(outcome.lines == ["show\u{0}-x\u{0}", "/usr/bin/show", "CapEff:\t000001ffffffffff"])
    }

    @Test("a finished machine is freed with its host threads joined")
    func machineIsReleased() throws {
        weak var released: SimMachine?
        do {
            let machine = SimMachine(.init(seed: 6))
            machine.installExecutable("/bin/nested", program: Program(name: "nested", participant: nil) { context in
                _ = try? context.kernel.readTextFile("/proc/self/status")
                _ = try? context.kernel.spawn(SpawnRequest(path: "/bin/nested-sleep", arguments: [], environment: [], namespaces: [.pid, .mount]))
                return 0
            })
            machine.installExecutable("/bin/nested-sleep", program: Program(name: "nested-sleep", participant: nil) { context in
                (try? context.kernel.nanosleep(1_000_000_000)) == nil ? 1 : 0
            })
            #expect(try machine.boot(path: "/bin/nested", arguments: ["nested"], environment: []) == .exited(0))
            released = machine
        }
        #expect(released == nil)
    }

    @Test("host output nodes receive what programs write")
    func hostOutput() throws {
        let machine = SimMachine(.init(seed: 1))
        let outcome = Outcome()
        machine.installHostOutput("/dev/console") { bytes in outcome.lines.append(String(decoding: bytes, as: UTF8.self)) }
        machine.installExecutable("/bin/hello", program: Program(name: "hello", participant: nil) { context in
            context.print("hello from pid \(context.kernel.getpid().rawValue)")
            return 0
        })
        #expect(try machine.boot(path: "/bin/hello", arguments: ["hello"], environment: []) == .exited(0))
        #expect(outcome.lines == ["hello from pid 1\n"])
    }
}

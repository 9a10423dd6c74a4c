import Engine
import KernelInterface
import SimKernel
import Testing

/// Injects an errno at every failable call runc makes during one hello-world run, one run per
/// call, and checks after each that the run ended (every request was answered: the client
/// exited), that a failure was reported with its stage, and that nothing was left behind: no
/// container mount, no container cgroup.
@Suite("Faults injected into runc", .serialized)
struct FaultSweepTests {
    static let command = ["run", "--rm", "hello-world"]

    static func leftovers(_ machine: SimMachine) -> [String] {
        var found: [String] = []
        for mount in machine.mountTable where mount.fstype == "overlay" || mount.target.contains("/glassbox/") {
            found.append("mount \(mount.target) (\(mount.fstype))")
        }
        for path in machine.cgroupPaths where path.contains("docker/") {
            found.append("cgroup \(path)")
        }
        return found
    }

    @Test("every errno runc can get leaves an answer, a message and no leftovers")
    func sweepRunc() throws {
        var baselineMachine: SimMachine?
        let baseline = try Journey.run(Self.command, traced: false) { baselineMachine = $0 }
        #expect(baseline.status == .exited(0))
        let calls = baselineMachine?.failableCallCounts["glassbox-runc"] ?? 0
        #expect(calls > 20, "runc made \(calls) failable calls")
        for call in 1...max(calls, 1) {
            var faulted: SimMachine?
            let journey = try Journey.run(Self.command, traced: false) { machine in
                machine.inject(SimMachine.Fault(process: "glassbox-runc", call: call, errno: .EIO))
                faulted = machine
            }
            let leftovers = faulted.map(Self.leftovers) ?? ["no machine"]
            #expect(leftovers.isEmpty, "fault at runc call \(call): left \(leftovers)")
            if journey.status != .exited(0) {
                #expect(!journey.standardError.isEmpty, "fault at runc call \(call): failed without a message")
            }
        }
    }
}

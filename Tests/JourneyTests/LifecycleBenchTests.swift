import Engine
import KernelInterface
import SimKernel
import Testing
import Trace

@Suite("The lifecycle benchmark's client")
struct LifecycleBenchTests {
    static let containerdHops = [
        "containerd.services.containers.v1.Containers/Create", "containerd.services.tasks.v1.Tasks/Create",
        "containerd.services.tasks.v1.Tasks/Start", "containerd.services.tasks.v1.Tasks/Delete",
        "containerd.services.containers.v1.Containers/Delete",
    ]

    @Test("each lifecycle is create, start, wait and delete, through containerd, a shim and runc, and each shim is shut down")
    func lifecycles() throws {
        let journey = try Journey.run(["3"], client: LifecycleDriver.path) { machine in
            machine.installExecutable(LifecycleDriver.path, program: LifecycleDriver.program)
        }
        #expect(journey.status == .exited(0), "stderr: \(journey.standardError)")
        let events = journey.events
        let requests = events.filter { $0.kind == .request && $0.from == "client" }.map(\.op)
        #expect(requests.first == "POST /v1.41/images/create?fromImage=busybox&tag=latest")
        let lifecycle = requests.dropFirst().map { op in
            op.split(separator: " ").first.map(String.init).map { $0 + " " + (op.hasSuffix("/create") ? "create" : String(op.split(separator: "/").last ?? "")) } ?? op
        }
        #expect(lifecycle.count == 12, "\(requests)")
        for index in stride(from: 0, to: lifecycle.count, by: 4) {
            let four = Array(lifecycle[index..<min(index + 4, lifecycle.count)])
            #expect(four.count == 4 && four[0] == "POST create" && four[1] == "POST start" && four[2].hasPrefix("POST wait")
                && four[3].hasPrefix("DELETE "), "\(four)")
        }
        let answers = events.filter { $0.kind == .response && $0.to == "client" }.compactMap(\.status)
        #expect(answers.filter { $0.hasPrefix("201") }.count == 3 && answers.filter { $0.hasPrefix("204") }.count == 6, "\(answers)")
        #expect(answers.allSatisfy { $0.hasPrefix("20") }, "\(answers)")
        for hop in Self.containerdHops {
            #expect(events.filter { $0.kind == .request && $0.op == hop }.count == 3, "three of \(hop)")
        }
        let runcVerbs = events.filter { $0.kind == .request && $0.proto == "exec" && $0.from == "shim" }.map(\.op)
        for verb in [" create ", " start ", " delete "] {
            #expect(runcVerbs.filter { $0.contains(verb) }.count == 3, "three runc\(verb): \(runcVerbs)")
        }
        // Every shim is told to shut down once its container is deleted.
        #expect(events.filter { $0.kind == .request && $0.op == "containerd.task.v2.Task/Shutdown" }.count == 3)
    }
}

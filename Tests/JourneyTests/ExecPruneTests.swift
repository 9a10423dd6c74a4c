@testable import Dockerd
import KernelInterface
import SimKernel
import Testing
import Wire

/// dockerd forgets a finished exec five minutes after its end, as moby's `execCommandGC` does
/// (5 to 10 minutes there), and keeps a running one or one never started.
@Suite("Exec records are pruned after their end")
struct ExecPruneTests {
    @Test("an exec ended more than five minutes ago is dropped; a recent, a running and an unstarted one stay")
    func pruning() throws {
        final class Box: @unchecked Sendable { var kept: [String] = []; var error: (any Error)? }
        let box = Box()
        let machine = SimMachine(.init(seed: 2))
        machine.installExecutable("/bin/scenario", program: Program(name: "scenario", participant: nil) { context in
            let kernel = context.kernel
            let daemon = Daemon(options: DaemonOptions(), kernel: kernel, containerd: .unix("/run/c.sock"), registry: .unix("/run/r.sock"))
            let config = ExecConfig(Cmd: ["true"])
            func exec(_ id: String, endedAgo: Int64?, running: Bool = false) -> ExecInstance {
                let exec = ExecInstance(id: id, containerID: "c", config: config)
                exec.running = running
                if let endedAgo { exec.endedAt = kernel.clockGettime(.monotonic) - endedAgo }
                return exec
            }
            let minute: Int64 = 60_000_000_000
            daemon.execs = [
                "old": exec("old", endedAgo: 6 * minute), "recent": exec("recent", endedAgo: 4 * minute),
                "running": exec("running", endedAgo: nil, running: true), "unstarted": exec("unstarted", endedAgo: nil),
            ]
            daemon.pruneExecs(kernel: kernel)
            box.kept = daemon.execs.keys.sorted()
            do { _ = try daemon.execInstance("old") } catch { box.error = error }
            return 0
        })
        _ = try machine.boot(path: "/bin/scenario", arguments: ["scenario"], environment: [])
        #expect(box.kept == ["recent", "running", "unstarted"])
        #expect((box.error as? DaemonError)?.message == "No such exec instance: old")
    }
}

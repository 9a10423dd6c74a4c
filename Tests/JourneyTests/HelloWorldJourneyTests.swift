import Engine
import Foundation
import KernelInterface
import SimKernel
import Testing
import Trace

@Suite("The hello-world journey on the simulated kernel", .serialized)
struct HelloWorldJourneyTests {
    @Test("run hello-world prints the hello message and exits 0")
    func helloWorldPrints() throws {
        let journey = try Journey.run(["run", "hello-world"])
        #expect(journey.status == .exited(0), "stderr: \(journey.standardError)")
        #expect(journey.standardOutput.contains("Hello from Glassbox!"))
        for component in ["dockerd", "registry", "containerd", "containerd-shim", "runc"] {
            #expect(journey.standardOutput.contains(component), "the message names \(component)")
        }
        #expect(journey.standardError.contains("Unable to find image 'hello-world:latest' locally"))
    }

    @Test("the trace holds every hop in Docker's order")
    func hopsInDockersOrder() throws {
        let events = try Journey.run(["run", "hello-world"]).events
        func index(_ what: String, from start: Int = 0, _ matches: (TraceEvent) -> Bool) -> Int {
            let found = events[start...].firstIndex(where: matches)
            #expect(found != nil, "missing in the trace: \(what)")
            return found ?? events.count
        }
        let ping = index("HEAD /_ping") { $0.kind == .request && $0.from == "client" && $0.op == "HEAD /_ping" }
        let create404 = index("create answered 404", from: ping) {
            $0.kind == .response && $0.op == "POST /v1.41/containers/create" && $0.status == "404 Not Found"
        }
        let pull = index("pull", from: create404) { $0.kind == .request && $0.op.hasPrefix("POST /v1.41/images/create?fromImage=hello-world") }
        let manifest = index("registry manifest", from: pull) { $0.kind == .request && $0.to == "registry" && $0.op.contains("/manifests/") }
        let create201 = index("create answered 201", from: manifest) {
            $0.kind == .response && $0.op == "POST /v1.41/containers/create" && $0.status == "201 Created"
        }
        let attach = index("attach 101", from: create201) { $0.kind == .response && $0.op.contains("/attach?") && $0.status == "101 UPGRADED" }
        let wait = index("wait", from: attach) { $0.kind == .request && $0.op.contains("/wait?condition=") }
        let start = index("start", from: wait) { $0.kind == .request && $0.from == "client" && $0.op.hasSuffix("/start") }
        let containersCreate = index("Containers/Create", from: start) { $0.kind == .request && $0.op == "containerd.services.containers.v1.Containers/Create" }
        let tasksCreate = index("Tasks/Create", from: containersCreate) { $0.kind == .request && $0.op == "containerd.services.tasks.v1.Tasks/Create" }
        let shimStart = index("exec shim start", from: tasksCreate) { $0.kind == .request && $0.proto == "exec" && $0.to == "shim" && $0.op.hasSuffix(" start") }
        let shimCreate = index("shim Task/Create", from: shimStart) { $0.kind == .request && $0.op == "containerd.task.v2.Task/Create" }
        let runcCreate = index("runc create", from: shimCreate) { $0.kind == .request && $0.proto == "exec" && $0.from == "shim" && $0.op.contains(" create ") }
        let clone = index("clone with namespaces", from: runcCreate) { $0.kind == .syscall && $0.from == "runc" && ["clone", "clone+execve", "unshare"].contains($0.op) && ($0.args ?? []).contains(where: { $0.contains("CLONE_NEWPID") }) }
        let pivot = index("pivot_root", from: clone) { $0.kind == .syscall && $0.op == "pivot_root" && $0.result == "0" }
        let tasksStart = index("Tasks/Start", from: pivot) { $0.kind == .request && $0.op == "containerd.services.tasks.v1.Tasks/Start" }
        let execve = index("execve of the program", from: tasksStart) { $0.kind == .syscall && $0.op == "execve" && $0.from == "runc" }
        #expect(execve < events.count)
    }

    @Test("the same seed gives a byte-identical trace, another seed a different one")
    func deterministic() throws {
        let first = try Journey.run(["run", "hello-world"], seed: 7)
        let second = try Journey.run(["run", "hello-world"], seed: 7)
        let other = try Journey.run(["run", "hello-world"], seed: 8)
        #expect(!first.trace.isEmpty)
        #expect(first.trace == second.trace)
        #expect(first.trace != other.trace)
    }

    /// The journey of each tutorial, with its golden trace under traces/.
    static let goldenJourneys: [(file: String, command: [String])] = [
        ("hello-world.seed7.jsonl", ["run", "hello-world"]),            // tutorials 01 and 04
        ("busybox-ps.seed7.jsonl", ["run", "--rm", "busybox", "ps"]),    // tutorial 02
        ("busybox-true.seed7.jsonl", ["run", "--rm", "busybox", "true"]), // tutorial 03
    ]

    @Test("each tutorial's journey matches its golden trace with seed 7 (GLASSBOX_UPDATE_GOLDEN=1 rewrites them)",
          arguments: goldenJourneys.map(\.file))
    func goldenTrace(_ file: String) throws {
        let command = Self.goldenJourneys.first(where: { $0.file == file })?.command ?? []
        let journey = try Journey.run(command, seed: 7)
        #expect(journey.status == .exited(0))
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("traces/" + file)
        if ProcessInfo.processInfo.environment["GLASSBOX_UPDATE_GOLDEN"] == "1" {
            try Data(journey.trace).write(to: url)
        }
        let golden = try Data(contentsOf: url)
        #expect(Array(golden) == journey.trace, "\(file) changed: rerun with GLASSBOX_UPDATE_GOLDEN=1 if that is intended, and review the diff")
    }
}

@Suite("Docker's exit codes on the simulated kernel", .serialized)
struct ExitCodeTests {
    @Test("an unknown image fails with 125 and says so")
    func unknownImage() throws {
        let journey = try Journey.run(["run", "no-such-image"], traced: false)
        #expect(journey.status == .exited(125))
        #expect(journey.standardError.contains("pull access denied for no-such-image"), "stderr: \(journey.standardError)")
    }

    @Test("a missing program gives 127")
    func missingProgram() throws {
        let journey = try Journey.run(["run", "--rm", "busybox", "no-such-program"], traced: false)
        #expect(journey.status == .exited(127), "stderr: \(journey.standardError)")
        #expect(journey.standardError.contains("executable file not found in $PATH"))
    }

    @Test("a program that cannot be executed gives 126")
    func notExecutable() throws {
        let journey = try Journey.run(["run", "--rm", "busybox", "/etc/passwd"], traced: false)
        #expect(journey.status == .exited(126), "stderr: \(journey.standardError)")
        #expect(journey.standardError.contains("permission denied"))
    }

    @Test("the container's own exit status comes back")
    func ownStatus() throws {
        let journey = try Journey.run(["run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3"], traced: false)
        #expect(journey.status == .exited(3), "stderr: \(journey.standardError)")
        #expect(journey.standardOutput == "out\n")
        #expect(journey.standardError.contains("err\n"))
    }

    @Test("a container sees its own pid 1, its own hostname and nothing of the host")
    func isolation() throws {
        let journey = try Journey.run(["run", "--rm", "-h", "box", "busybox", "sh", "-c", "hostname; echo --; ps; echo --; ls /"], traced: false)
        #expect(journey.status == .exited(0), "stderr: \(journey.standardError)")
        let sections = journey.standardOutput.components(separatedBy: "--\n")
        guard sections.count == 3 else {
            Issue.record("unexpected output: \(journey.standardOutput)")
            return
        }
        #expect(sections[0] == "box\n", "the container has its own hostname")
        // busybox ps: a header, then one line per process the container's pid namespace shows.
        let processes = sections[1].split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(processes.map { String($0[0]) } == ["1", "3"], "only the shell (pid 1) and ps are visible: \(sections[1])")
        #expect(processes.first.map { $0.dropFirst(3).joined(separator: " ") }?.hasPrefix("sh -c hostname") == true, "pid 1 is the container's own shell")
        // The image's root, not the machine's (which has /sbin/init, /usr/lib/glassbox, /run/glassbox.sock …).
        #expect(sections[2].split(separator: "\n").map(String.init) == ["bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "var"])
    }
}

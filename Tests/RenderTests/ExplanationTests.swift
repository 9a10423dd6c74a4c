import FoundationEssentials
import Testing
import Trace
@testable import Render

@Suite("Explanations")
struct ExplanationTests {
    /// The simulated journey's golden trace, once the journey runs end to end.
    static let goldenTrace = URL(filePath: #filePath).deletingLastPathComponent()
        .appending(path: "../../traces/hello-world.seed7.jsonl").standardized

    static var hasGoldenTrace: Bool { (try? Data(contentsOf: goldenTrace)) != nil }

    @Test("every hop kind of the hand-made hello-world journey has its own explanation")
    func handMadeJourney() {
        for event in HelloWorldTrace.events() where event.kind != .syscall {
            let explanation = Explanation.matching(event)
            #expect(explanation != nil && explanation?.isGeneric == false, "no explanation for \(event.kind) \(event.op)")
        }
    }

    @Test("every hop kind of the simulated journey's golden trace has its own explanation",
          .enabled(if: ExplanationTests.hasGoldenTrace, "traces/hello-world.seed7.jsonl is not there yet"))
    func goldenJourney() throws {
        let bytes = Array(try Data(contentsOf: ExplanationTests.goldenTrace))
        for line in TraceLineReader(bytes: bytes) where !line.isEmpty {
            let event = try TraceEvent(line: line)
            guard event.kind == .request || event.kind == .response || event.kind == .lifecycle else { continue }
            let explanation = Explanation.matching(event)
            #expect(explanation != nil && explanation?.isGeneric == false, "no explanation for \(event.kind) \(event.op)")
        }
    }

    @Test("the first create is explained as a 404 that makes the CLI pull, the second as 201")
    func createAnswers() {
        let notFound = Explanation.matching(kind: .response, proto: "http", op: "POST /v1.41/containers/create", status: "404 Not Found")
        let created = Explanation.matching(kind: .response, proto: "http", op: "POST /v1.41/containers/create", status: "201 Created")
        #expect(notFound?.title == "Create, answered 404")
        #expect(notFound?.text.contains("pull") == true)
        #expect(created?.title == "Create, answered 201")
        #expect(notFound?.source.contains("moby daemon/create.go") == true)
    }

    @Test("runc init's work is explained: namespaces, pivot_root, hostname, mounts, exec.fifo, the exec")
    func runcInit() {
        let cases: [(String, [String], String)] = [
            ("clone+execve", ["\"/usr/bin/glassbox-runc\"", "[\"glassbox-runc\", \"init\"]", "CLONE_NEWNS|CLONE_NEWPID"], "New namespaces"),
            ("pivot_root", ["\".\"", "\".\""], "pivot_root"),
            ("sethostname", ["\"075a537fbe80\""], "Hostname"),
            ("mount", ["\"proc\"", "\"rootfs/proc\"", "\"proc\"", "0"], "Mounts"),
            ("mkfifo", ["\"/run/runc/ID/exec.fifo\"", "0o622"], "exec.fifo"),
            ("open", ["\"/run/runc/ID/exec.fifo\"", "O_WRONLY"], "exec.fifo"),
            ("execve", ["\"/hello\""], "The container's program"),
        ]
        for (op, args, title) in cases {
            #expect(Explanation.matching(kind: .syscall, proto: nil, op: op, args: args)?.title == title, "\(op)")
        }
        #expect(Explanation.matching(kind: .syscall, proto: nil, op: "pivot_root")?.text.contains("chroot") == true)
        #expect(Explanation.matching(kind: .syscall, proto: nil, op: "close", args: ["3"]) == nil)
    }

    @Test("the shim's start and its place as the container's parent are explained")
    func shim() {
        let start = Explanation.matching(kind: .request, proto: "exec", op: "glassbox-shim -namespace moby -id abc -address /run/c.sock start")
        #expect(start?.text.contains("setsid") == true)
        let create = Explanation.matching(kind: .request, proto: "ttrpc", op: "containerd.task.v2.Task/Create")
        #expect(create?.text.contains("parent") == true)
        #expect(Explanation.matching(kind: .request, proto: "ttrpc", op: "containerd.services.tasks.v1.Tasks/Create")?.title == "Tasks/Create")
    }

    @Test("every entry cites the upstream code it describes and says something")
    func citations() {
        for entry in Explanation.table {
            let cites = ["moby ", "containerd ", "runc ", "distribution ", "docker/cli ", "Glassbox "].contains { entry.source.hasPrefix($0) }
            #expect(cites, "\(entry.title) cites \(entry.source)")
            #expect(entry.text.count > 30, "\(entry.title) is too short")
        }
    }

    @Test("globs: `*` is any run, everything else is literal")
    func globs() {
        #expect(Glob.matches("POST */containers/*/start", "POST /v1.41/containers/abc/start"))
        #expect(!Glob.matches("POST */containers/*/start", "POST /v1.41/containers/abc/stop"))
        #expect(Glob.matches("*", ""))
        #expect(Glob.matches("a*b*c", "a-b-b-c"))
        #expect(!Glob.matches("GET /v2/", "GET /v2/library"))
        #expect(Glob.matches("GET /v2/?x", "GET /v2/?x"))
    }
}

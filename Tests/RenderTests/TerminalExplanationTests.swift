import Testing
import Trace
@testable import Render

@Suite("Explanations of a TTY's hops")
struct TerminalExplanationTests {
    @Test("resize requests at each layer have their own entry, the container's apart from an exec's")
    func resizeHops() {
        let container = Explanation.matching(kind: .request, proto: "http", op: "POST /v1.41/containers/4f2a/resize?h=30&w=100")
        #expect(container?.title == "Container resize")
        #expect(container?.text.contains("SIGWINCH") == true)
        #expect(Explanation.matching(kind: .request, proto: "http", op: "POST /v1.41/exec/9c1e/resize?h=30&w=100")?.title == "Exec resize")
        #expect(Explanation.matching(kind: .request, proto: "ttrpc", op: "containerd.services.tasks.v1.Tasks/ResizePty")?.title == "Tasks/ResizePty")
        let shim = Explanation.matching(kind: .response, proto: "ttrpc", op: "containerd.task.v2.Task/ResizePty")
        #expect(shim?.title == "Task/ResizePty (shim)")
        #expect(shim?.text.contains("TIOCSWINSZ") == true)
    }

    @Test("the console socket's SCM_RIGHTS message says why the shim must hold the master")
    func consoleSocket() {
        let handOff = Explanation.matching(kind: .syscall, proto: nil, op: "sendmsg", args: ["5", "\"/dev/ptmx\"", "SCM_RIGHTS[6]"])
        #expect(handOff?.title == "The console socket hand-off")
        #expect(handOff?.text.contains("runc exits") == true)
        #expect(Explanation.matching(kind: .syscall, proto: nil, op: "sendmsg", args: ["5", "\"{}\""])?.title != "The console socket hand-off")
        #expect(Explanation.matching(kind: .syscall, proto: nil, op: "openpty", args: ["\"/dev/ptmx\"", "O_CLOEXEC"])?.title == "A pseudo-terminal")
        #expect(Explanation.matching(kind: .syscall, proto: nil, op: "ioctl", args: ["0", "TIOCSCTTY", "0"])?.title == "The controlling terminal")
        #expect(Explanation.matching(kind: .syscall, proto: nil, op: "ioctl", args: ["7", "TIOCSWINSZ", "30x100"])?.title == "The window size")
    }
}

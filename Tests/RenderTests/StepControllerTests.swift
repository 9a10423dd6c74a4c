import Testing
import Trace
@testable import Render

/// The step viewer driven as a terminal would drive it: bytes in, frames out.
@Suite("Step controller")
struct StepControllerTests {
    static func controller(width: Int = 80, height: Int = 30) throws -> StepController {
        let bytes = Array(HelloWorldTrace.text.utf8)
        let index = try TraceIndex(lines: TraceLineReader(bytes: bytes, chunkSize: 97))
        return StepController(index: index, readAt: RenderTestSupport.reader(bytes), width: width, height: height)
    }

    @Test("the index holds one entry per request, response and lifecycle event, and pairs them")
    func index() throws {
        let events = HelloWorldTrace.events()
        let index = try StepControllerTests.controller().index
        #expect(index.count == events.filter { $0.kind != .syscall && $0.kind != .log }.count)
        let requests = index.entries.filter { $0.kind == .request }
        #expect(requests.allSatisfy { $0.partner >= 0 && index.entries[Int($0.partner)].kind == .response })
        let bytes = Array(HelloWorldTrace.text.utf8)
        for entry in index.entries {
            let line = Array(bytes[Int(entry.offset)..<(Int(entry.offset) + Int(entry.length))])
            #expect(try TraceEvent(line: line).kind == entry.kind)
        }
    }

    @Test("keys: space, enter, n and → go forward; b and ← back; g and G to the ends; q quits")
    func keys() {
        let escape: UInt8 = 0x1B
        #expect(StepController.commands(in: Array(" \rn".utf8)) == [.next, .next, .next])
        #expect(StepController.commands(in: [escape, 0x5B, 0x43, escape, 0x5B, 0x44, escape, 0x4F, 0x43]) == [.next, .back, .next])
        #expect(StepController.commands(in: Array("bsgGqx".utf8)) == [.back, .toggleSyscalls, .first, .last, .quit])
    }

    @Test("stepping moves one hop event at a time and stops at both ends")
    func stepping() throws {
        var controller = try StepControllerTests.controller()
        _ = try controller.handle(keys: Array("b".utf8))
        #expect(controller.step == 0)
        _ = try controller.handle(keys: Array("nn ".utf8))
        #expect(controller.step == 3)
        _ = try controller.handle(keys: Array("G".utf8))
        #expect(controller.step == controller.index.count - 1)
        _ = try controller.handle(keys: Array("n".utf8))
        #expect(controller.step == controller.index.count - 1)
        _ = try controller.handle(keys: Array("g".utf8))
        #expect(controller.step == 0)
        #expect(try controller.handle(keys: Array("q".utf8)) == nil)
        #expect(controller.hasQuit)
    }

    @Test("every frame fits the given size, at 80 and 120 columns", arguments: [(80, 24), (120, 40), (60, 12)])
    func frameSize(size: (Int, Int)) throws {
        var controller = try StepControllerTests.controller(width: size.0, height: size.1)
        for position in 0..<controller.index.count {
            for showing in [false, true] {
                if controller.showsSyscalls != showing { controller.apply(.toggleSyscalls) }
                let frame = try controller.frame()
                #expect(frame.count <= size.1, "step \(position) has \(frame.count) lines")
                for line in frame { #expect(RenderTestSupport.columns(line) <= size.0, "too wide: \(line)") }
            }
            controller.apply(.next)
        }
    }

    @Test("a frame shows the diagram up to the hop, who sent what to whom, the message and why")
    func frameContents() throws {
        var controller = try StepControllerTests.controller(width: 100, height: 40)
        for _ in 0..<2 { controller.apply(.next) }
        let frame = try controller.frame()
        let text = frame.joined(separator: "\n")
        #expect(frame.last?.contains("q quit") == true)
        #expect(text.contains("client") && text.contains("dockerd"))
        #expect(text.contains("── 3/\(controller.index.count) · request · client → dockerd · http"))
        #expect(text.contains("POST /v1.41/containers/create HTTP/1.1"))
        #expect(text.contains("why: Create a container"))
        #expect(text.contains("source: moby"))
        let arrow = frame.lastIndex { $0.contains("▶") } ?? -1
        let title = frame.firstIndex { $0.hasPrefix("── 3/") } ?? -1
        #expect(arrow >= 0 && arrow < title, "the diagram ends with this hop's arrow, above the panel")
    }

    @Test("s shows the syscalls made under the hop, read back from the file on demand")
    func syscalls() throws {
        var controller = try StepControllerTests.controller(width: 120, height: 60)
        let runcCreate = controller.index.entries.indices.first { position in
            let entry = controller.index.entries[position]
            let bytes = Array(HelloWorldTrace.text.utf8)[Int(entry.offset)..<Int(entry.offset + Int64(entry.length))]
            return entry.kind == .request && String(decoding: bytes, as: UTF8.self).contains(" create --bundle")
        }
        let target = try #require(runcCreate)
        while controller.step < target { controller.apply(.next) }
        #expect(!(try controller.frame()).joined().contains("pivot_root(\".\""))
        _ = try controller.handle(keys: Array("s".utf8))
        let frame = try controller.frame().joined(separator: "\n")
        #expect(frame.contains("syscalls under this hop"))
        #expect(frame.contains("runc ▸ pivot_root(\".\", \".\") = 0"))
        #expect(frame.contains("why: runc create"))
    }
}

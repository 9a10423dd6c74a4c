import Testing
import Trace
@testable import Render

/// PlantUML, Chrome trace-event and OTLP exports, parsed back and checked for the shapes their
/// readers require.
@Suite("Exports")
struct ExportTests {
    static func isHex(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.allSatisfy(\.isHexDigit)
    }

    @Test("PlantUML: @startuml … @enduml, each participant declared once, one arrow per hop event")
    func plantUML() throws {
        let lines = try PlantUMLDiagram(options: DiagramOptions(syscalls: true)).render(text: HelloWorldTrace.text)
        let events = HelloWorldTrace.events()
        #expect(lines.first == "@startuml" && lines.last == "@enduml")
        let declared = lines.filter { $0.hasPrefix("participant ") }
        #expect(declared.count == Set(declared).count)
        #expect(declared.first == "participant \"client\" as client")
        #expect(lines.filter { $0.contains(" -> ") }.count == events.filter { $0.kind == .request }.count)
        #expect(lines.filter { $0.contains(" --> ") }.count == events.filter { $0.kind == .response }.count)
        #expect(lines.contains("note over container : created"))
        #expect(lines.contains { $0.hasPrefix("note right of runc : pivot_root(") })
    }

    @Test("PlantUML text escapes Creole markup and backslashes")
    func plantUMLEscaping() {
        #expect(PlantUMLNames.escaped("--root **x** a\\n") == "-~-root *~*x*~* a<U+005C>n")
        #expect(PlantUMLNames.escaped("") == "-")
    }

    @Test("Chrome trace: metadata per process, X slices with microsecond ts and dur, syscalls inside their hop")
    func chrome() throws {
        let json = try JSONParser.parse(try ChromeTrace().render(text: HelloWorldTrace.text))
        let events = try #require(json["traceEvents"]?.arrayValue)
        let names = events.filter { $0["ph"]?.stringValue == "M" && $0["name"]?.stringValue == "process_name" }
        let slices = events.filter { $0["ph"]?.stringValue == "X" }
        let trace = HelloWorldTrace.events()
        #expect(slices.count == trace.filter { $0.kind == .request || $0.kind == .syscall }.count)
        let pids = Set(slices.compactMap { $0["pid"]?.intValue })
        #expect(Set(names.compactMap { $0["pid"]?.intValue }) == pids, "every track is named")
        for slice in slices {
            #expect(slice["name"]?.stringValue?.isEmpty == false)
            #expect(slice["ts"] != nil && slice["dur"] != nil && slice["tid"] != nil)
        }
        func microseconds(_ value: JSONValue?) -> Double {
            switch value {
            case let .int(i)?: return Double(i)
            case let .double(d)?: return d
            default: return -1
            }
        }
        let runcCreate = try #require(slices.first { $0["args"]?["op"]?.stringValue == HelloWorldTrace.runcCreateOp })
        let pivot = try #require(slices.first { $0["name"]?.stringValue == "pivot_root" })
        let start = microseconds(runcCreate["ts"]), end = start + microseconds(runcCreate["dur"])
        #expect(microseconds(pivot["ts"]) >= start && microseconds(pivot["ts"]) + microseconds(pivot["dur"]) <= end)
        #expect(microseconds(slices.first?["ts"]) < 1_000_000, "times are relative microseconds")
    }

    @Test("OTLP: resourceSpans per participant, spans with ids of the right length and known parents")
    func otlp() throws {
        let json = try JSONParser.parse(try OTLPTrace(batchSize: 4).render(text: HelloWorldTrace.text))
        let resources = try #require(json["resourceSpans"]?.arrayValue)
        var spans: [JSONValue] = []
        var services: Set<String> = []
        for resource in resources {
            let attributes = try #require(resource["resource"]?["attributes"]?.arrayValue)
            let service = attributes.first { $0["key"]?.stringValue == "service.name" }?["value"]?["stringValue"]?.stringValue
            services.insert(try #require(service))
            for scope in try #require(resource["scopeSpans"]?.arrayValue) {
                spans += try #require(scope["spans"]?.arrayValue)
            }
        }
        let trace = HelloWorldTrace.events()
        // The container's `stopped` note was made under no hop, so it is a span of its own.
        #expect(spans.count == trace.filter { $0.kind == .request || $0.kind == .syscall }.count + 1)
        #expect(services.isSuperset(of: ["dockerd", "registry", "containerd", "shim", "runc"]))
        let ids = Set(spans.compactMap { $0["spanId"]?.stringValue })
        #expect(ids.count == spans.count, "span ids are unique")
        for span in spans {
            for field in ["name", "kind", "startTimeUnixNano", "endTimeUnixNano", "attributes"] {
                #expect(span[field] != nil, "a span lacks \(field)")
            }
            #expect(ExportTests.isHex(span["traceId"]?.stringValue ?? "", count: 32))
            #expect(ExportTests.isHex(span["spanId"]?.stringValue ?? "", count: 16))
            let parent = span["parentSpanId"]?.stringValue ?? "missing"
            #expect(parent.isEmpty || ids.contains(parent), "parent \(parent) is not a span of the document")
            let start = UInt64(span["startTimeUnixNano"]?.stringValue ?? "") ?? 0, end = UInt64(span["endTimeUnixNano"]?.stringValue ?? "") ?? 0
            #expect(start > 0 && end >= start)
        }
        let notFound = spans.first { $0["status"]?["message"]?.stringValue == "404 Not Found" }
        #expect(notFound?["status"]?["code"]?.intValue == 2)
        let created = try #require(spans.first { $0["name"]?.stringValue?.contains("create") == true && $0["events"] != nil })
        #expect(created["events"]?.arrayValue?.first?["name"]?.stringValue == "created")
    }

    @Test("the exports stream a 100,000-event trace", arguments: ["chrome", "otlp", "plantuml"])
    func streaming(format: String) throws {
        var pieces = 0
        let count = { (_: String) in pieces += 1 }
        switch format {
        case "chrome": try ChromeTrace().render(lines: StreamingTests.generatedTrace(), into: count)
        case "otlp": try OTLPTrace().render(lines: StreamingTests.generatedTrace(), into: count)
        default: try PlantUMLDiagram().render(lines: StreamingTests.generatedTrace(), into: count)
        }
        #expect(pieces > 100)
    }
}

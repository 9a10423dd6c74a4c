import Testing
import Trace
@testable import Render

@Suite("HTML page")
struct HTMLPageTests {
    static func embedded(_ page: String, id: String) throws -> JSONValue {
        let open = "<script id=\"\(id)\" type=\"application/json\">"
        let afterOpen = try #require(page.split(separator: open, maxSplits: 1).last)
        let body = try #require(afterOpen.split(separator: "</script>", maxSplits: 1).first)
        return try JSONParser.parse(String(body))
    }

    @Test("the page is one self-contained document: inline style and script, nothing fetched")
    func selfContained() throws {
        let page = try HTMLPage().render(text: HelloWorldTrace.text)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.hasSuffix("</html>\n"))
        for reference in ["src=", "href=", "@import", "url(", "http://", "https://", "fetch(", "XMLHttpRequest"] {
            #expect(!page.contains(reference), "the page refers to something outside: \(reference)")
        }
        #expect(page.contains("default-src 'none'"))
    }

    @Test("one row per event in file order: hop events, and syscalls naming their hop's row")
    func rows() throws {
        let page = try HTMLPage().render(text: HelloWorldTrace.text)
        let rows = try #require(try HTMLPageTests.embedded(page, id: "rows").arrayValue)
        let events = HelloWorldTrace.events()
        #expect(rows.count == events.count)
        for (row, event) in zip(rows, events) {
            let code = row.arrayValue?.first?.stringValue
            #expect(code == ["request": "q", "response": "r", "lifecycle": "l", "syscall": "s"][event.kind.rawValue])
            if event.kind == .syscall, let hop = row.arrayValue?[1].intValue, hop >= 0 {
                #expect(rows[Int(hop)].arrayValue?.first?.stringValue == "q")
            }
        }
        let meta = try HTMLPageTests.embedded(page, id: "meta")
        #expect(meta["order"]?.arrayValue?.compactMap(\.stringValue) == ["client", "dockerd", "registry", "containerd", "shim", "runc", "container"])
        let explanations = try #require(try HTMLPageTests.embedded(page, id: "explanations").arrayValue)
        #expect(explanations.count == Explanation.table.count)
    }

    @Test("text from the trace cannot close the script element or inject markup")
    func injection() throws {
        let event = TraceEvent(seq: 1, ts: 1, trace: TraceBuilder.traceID, span: "00f067aa0ba902b7", parent: nil,
                               kind: .request, from: "client", to: "dockerd", op: "GET /</script><script>alert(1)</script>",
                               pid: 1, proto: "http", body: .string("<!-- </script>"))
        let page = try HTMLPage(title: "<b>t</b>").render(text: event.line)
        #expect(!page.contains("alert(1)</script>"))
        #expect(!page.contains("<!-- "))
        #expect(page.contains("<title>&lt;b&gt;t&lt;/b&gt;</title>"))
        let rows = try HTMLPageTests.embedded(page, id: "rows")
        #expect(rows.arrayValue?.first?.arrayValue?[9].stringValue == "GET /</script><script>alert(1)</script>")
    }

    @Test("a 100,000-event trace streams out without holding the events")
    func large() throws {
        var pieces = 0, bytes = 0
        try HTMLPage().render(lines: StreamingTests.generatedTrace()) { piece in
            pieces += 1
            bytes += piece.utf8.count
        }
        #expect(pieces > StreamingTests.eventCount)
        #expect(bytes < 150 * StreamingTests.eventCount, "rows are compact: \(bytes) bytes")
    }
}

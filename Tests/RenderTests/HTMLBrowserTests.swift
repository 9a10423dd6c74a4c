import Foundation
import Testing
import TestSupport
@testable import Render

/// The page opened in a real browser: headless Chromium loads it, runs its script, and the DOM
/// it leaves has one element per hop (`data-hop`). Skipped when Chromium is not installed
/// (`apt-get install -y chromium`; CI installs it).
@Suite("HTML page in Chromium", .serialized, .enabled(if: Chromium.path != nil, "chromium is not installed"))
struct HTMLBrowserTests {

    /// Writes `page` to a temporary directory, runs Chromium on it with `arguments`, and
    /// returns its standard output; the directory is removed after.
    static func browse(_ page: String, _ arguments: [String], fragment: String = "", keep: (URL) throws -> Void = { _ in }) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appending(path: "glassbox-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: "trace.html")
        try Data(page.utf8).write(to: file)
        let arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(directory.path)/profile",
                         "--window-size=1280,900", "--virtual-time-budget=2000"] + arguments + [file.absoluteString + fragment]
        let outcome = try HostCommand.run(try #require(Chromium.path), arguments, workingDirectory: directory.path, timeLimitSeconds: 120)
        #expect(outcome.status != nil, "chromium did not end within 120 s")
        try keep(directory)
        return outcome.stdout
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("Chromium runs the page's script and finds one data-hop element per hop")
    func hopsInDOM() throws {
        let page = try HTMLPage().render(text: HelloWorldTrace.text)
        let dom = try HTMLBrowserTests.browse(page, ["--dump-dom"])
        let hops = HelloWorldTrace.events().filter { $0.kind != .syscall && $0.kind != .log }.count
        #expect(dom.contains("data-ready=\"1\""), "the script ran to the end")
        #expect(dom.contains("data-steps=\"\(hops)\""))
        #expect(HTMLBrowserTests.count("data-hop=\"", in: dom) == hops)
        #expect(dom.contains("class=\"row current\""))
        #expect(dom.contains("Why: Ping"))
    }

    @Test("on 100,000 events only the rows in view are in the DOM")
    func virtualScrolling() throws {
        var page = ""
        try HTMLPage().render(lines: StreamingTests.generatedTrace()) { page += $0 }
        let dom = try HTMLBrowserTests.browse(page, ["--dump-dom"])
        #expect(dom.contains("data-steps=\"\(StreamingTests.eventCount / 5)\""))
        let drawn = HTMLBrowserTests.count("data-hop=\"", in: dom)
        #expect(drawn > 10 && drawn < 300, "\(drawn) rows drawn")
    }

    @Test("a link to a step opens the page at it, its syscalls unfolded")
    func linkedStep() throws {
        let page = try HTMLPage().render(text: HelloWorldTrace.text)
        let dom = try HTMLBrowserTests.browse(page, ["--dump-dom"], fragment: "#23s")
        let current = dom.components(separatedBy: "class=\"row current\"").dropFirst().first?.prefix { $0 != ">" } ?? ""
        #expect(current.contains("data-hop=\"22\""), "step 23 is the current one")
        #expect(dom.contains("Why: runc create"))
        #expect(HTMLBrowserTests.count("data-syscall=\"", in: dom) == HelloWorldTrace.runcCreateSyscalls.count)
    }

    @Test("Chromium draws a screenshot of the page")
    func screenshot() throws {
        let page = try HTMLPage(title: "hello-world").render(text: HelloWorldTrace.text)
        var size = 0
        _ = try HTMLBrowserTests.browse(page, ["--screenshot", "--hide-scrollbars"], fragment: "#23s") { directory in
            let png = try Data(contentsOf: directory.appending(path: "screenshot.png"))
            size = png.count
            if let keep = ProcessInfo.processInfo.environment["GLASSBOX_KEEP_SCREENSHOT"] {
                try png.write(to: URL(filePath: keep))
            }
        }
        #expect(size > 10_000)
    }
}

enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}

import Trace

/// A hop's message as a person would read it off the wire: an HTTP request line and headers
/// before a pretty-printed JSON body, an RPC's method and payload, an exec's argv one word per
/// line, a syscall as `strace` prints it. Lines come unwrapped; the panel that shows them cuts
/// them to its width.
enum MessageText {
    static func lines(of event: TraceEvent) -> [String] {
        var out: [String] = []
        switch (event.kind, event.proto ?? "") {
        case (.request, "http"), (.request, "registry"):
            out.append(event.op + " HTTP/1.1")
            out += headers(event)
        case (.response, "http"), (.response, "registry"):
            out.append("HTTP/1.1 " + (event.status ?? ""))
            out += headers(event)
        case (.request, "ttrpc"):
            out.append("method  " + event.op)
            out += attributes(event)
        case (.response, "ttrpc"):
            out.append("status  " + (event.status ?? "") + "  (" + (OperationLabel.variants(of: event.op).last ?? event.op) + ")")
            out += attributes(event)
        case (.request, "exec"):
            out.append("argv")
            out += argumentLines(event.op)
            out += attributes(event)
        case (.response, "exec"):
            out.append("exit status  " + (event.status ?? "unknown"))
            out += attributes(event)
        case (.syscall, _):
            out.append(syscall(event))
        default:
            out.append(event.op + (event.status.map { " " + $0 } ?? ""))
            out += attributes(event)
        }
        if let body = event.body {
            out.append("")
            out += bodyLines(body)
        }
        return out
    }

    /// `mount("proc", "rootfs/proc", "proc", MS_NOSUID) = 0  (1.5 µs)`
    static func syscall(_ event: TraceEvent) -> String {
        let call = event.op + "(" + (event.args ?? []).joined(separator: ", ") + ")"
        return call + (event.result.map { " = " + $0 } ?? "")
    }

    /// An argv one argument per line, a flag and its value on one line (`--root /run/runc`).
    private static func argumentLines(_ argv: String) -> [String] {
        var out: [String] = []
        var words = argv.split(separator: " ")[...]
        while let word = words.popFirst() {
            if out.count > 0, word.hasPrefix("-"), !word.contains("="), let value = words.first, !value.hasPrefix("-"), words.count > 1 {
                out.append("  " + word + " " + value)
                words.removeFirst()
            } else {
                out.append("  " + word)
            }
        }
        return out
    }

    /// The attrs as HTTP headers (`user-agent` → `User-Agent: …`).
    private static func headers(_ event: TraceEvent) -> [String] {
        (event.attrs ?? []).map { key, value in headerName(key) + ": " + plain(value) }
    }

    private static func attributes(_ event: TraceEvent) -> [String] {
        (event.attrs ?? []).map { key, value in key + "  " + plain(value) }
    }

    private static func headerName(_ key: String) -> String {
        key.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: "-")
    }

    private static func plain(_ value: JSONValue) -> String {
        value.stringValue ?? value.serialized
    }

    /// A JSON body pretty-printed; a text body line by line, each line that is JSON itself (a
    /// pull's progress stream) kept compact.
    static func bodyLines(_ body: JSONValue) -> [String] {
        guard case let .string(text) = body else {
            return body.pretty().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        if let parsed = try? JSONParser.parse(text), parsed.arrayValue != nil || isObject(parsed) {
            return bodyLines(parsed)
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private static func isObject(_ value: JSONValue) -> Bool {
        if case .object = value { return true }
        return false
    }
}

@testable import Render

/// Helpers shared by the render suites.
enum RenderTestSupport {
    /// `line` without ANSI SGR sequences: what the terminal shows.
    static func visible(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        var inEscape = false
        for scalar in line.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; continue }
            out.append(scalar)
        }
        return String(out)
    }

    /// Terminal columns of what `line` shows.
    static func columns(_ line: String) -> Int {
        DisplayText.columns(visible(line))
    }

    static func terminal(width: Int, color: Bool = false, syscalls: Bool = false, limit: Int? = 12) throws -> [String] {
        let diagram = TerminalDiagram(width: width, color: color, options: DiagramOptions(syscalls: syscalls, syscallLimit: limit))
        return try diagram.render(text: HelloWorldTrace.text)
    }
}

extension RenderTestSupport {
    /// A `readAt` over bytes in memory, as `pread(2)` behaves: fewer bytes at the end.
    static func reader(_ bytes: [UInt8]) -> (Int64, Int) throws -> [UInt8] {
        { offset, count in
            let start = min(Int(offset), bytes.count)
            return Array(bytes[start..<min(start + count, bytes.count)])
        }
    }
}

import KernelInterface
import Trace

/// `--format` as the docker CLI reads it (cli/command/formatter): empty for the command's
/// default table, `table TEMPLATE` for a table with headers, `json` for one JSON object per
/// line, anything else a Go template applied to each row.
struct Formatter {
    let format: String
    let defaultTable: String
    /// Column headers by field name (`ID` → `CONTAINER ID`); others are upper-cased.
    let headers: [String: String]

    func render(_ rows: [JSONValue]) throws -> String {
        var format = format.isEmpty ? defaultTable : format
        if format == "json" { format = "{{json .}}" }
        guard format.hasPrefix("table") else {
            let template = try GoTemplate(format)
            return try rows.map { try template.render($0) + "\n" }.joined()
        }
        let template = try GoTemplate(String(format.dropFirst("table".count)).trimmedSpaces)
        let header = JSONValue.object(template.fieldNames.map { ($0, .string(headers[$0] ?? Formatter.headerName($0))) })
        let lines = try [template.render(header)] + rows.map { try template.render($0) }
        return TableWriter().render(lines.joined(separator: "\n")) + "\n"
    }

    /// `RunningFor` → `RUNNING FOR`, as the CLI derives headers it has no name for.
    static func headerName(_ field: String) -> String {
        var out = ""
        for character in field {
            if character.isUppercase && !out.isEmpty && !(out.last?.isUppercase ?? false) { out += " " }
            out.append(character)
        }
        return out.uppercased()
    }
}

/// Whether a descriptor is a terminal. The Kernel has no isatty (TCGETS) yet: a character
/// device is taken for one, which is right for a terminal and for /dev/null only where it
/// does not matter (progress and colour on output nobody reads).
struct Terminal {
    let isTTY: Bool
    let colour: Bool

    init(context: ProcessContext, fd: FileDescriptor) {
        isTTY = (try? context.kernel.fstat(fd))?.kind == .characterDevice
        colour = isTTY && (context.environmentValue("NO_COLOR") ?? "").isEmpty
    }
}

/// Aligned columns as Go's text/tabwriter writes them for the docker CLI
/// (`tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`): cells end at a tab; each column is as wide
/// as its widest cell plus 3 spaces, and at least 10; the last cell of a line is not padded.
struct TableWriter {
    var minimumWidth = 10
    var padding = 3

    func render(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        var widths: [Int] = []
        for cells in lines {
            for (index, cell) in cells.dropLast().enumerated() {
                if index >= widths.count { widths.append(minimumWidth) }
                widths[index] = max(widths[index], cell.count + padding)
            }
        }
        return lines.map { cells in
            var line = ""
            for (index, cell) in cells.enumerated() {
                line += cell
                if index < cells.count - 1 { line += String(repeating: " ", count: widths[index] - cell.count) }
            }
            return line
        }.joined(separator: "\n")
    }
}

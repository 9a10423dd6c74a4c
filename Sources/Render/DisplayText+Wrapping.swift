extension DisplayText {
    /// `text` broken into lines of at most `width` columns at spaces (a word longer than a line
    /// is cut with `…`), each line after the first starting with `indent`.
    static func wrapped(_ text: String, width: Int, indent: String = "") -> [String] {
        guard width > DisplayText.columns(indent) + 1 else { return [truncated(text, to: width)] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? (lines.isEmpty ? "" : indent) + word : current + " " + word
            if DisplayText.columns(candidate) <= width {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = truncated((lines.isEmpty ? "" : indent) + word, to: width)
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `lines` cut to `limit` lines, the last one saying how many were left out.
    static func limited(_ lines: [String], to limit: Int) -> [String] {
        guard lines.count > limit else { return lines }
        guard limit > 0 else { return [] }
        let left = lines.count - limit + 1
        return Array(lines.prefix(limit - 1)) + ["… \(left) more line" + (left == 1 ? "" : "s")]
    }
}

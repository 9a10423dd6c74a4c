/// Where each lifeline of the terminal diagram stands, and the header that names them.
///
/// The width left of the time gutter is cut into one slot per participant and each lifeline
/// stands in the middle of its slot. Names are centred on their lifelines; when neighbours'
/// names would touch (eight participants in 80 columns), they alternate between two header rows,
/// and only if that is still too tight are they cut with `…`.
struct TerminalLayout {
    let width: Int
    /// Columns taken by the relative time on the left; none on very narrow terminals.
    let gutter: Int
    let participants: [String]
    let lifelines: [Int]
    /// The row every line of the diagram starts from: the lifelines alone.
    let lifelineRow: TerminalLine

    init(width: Int, participants: [String]) {
        precondition(width > 0, "a diagram is at least one column wide")
        self.width = width
        self.participants = participants
        let gutter = width >= 60 ? RelativeTime.gutterWidth : 0
        let slot = (width - gutter) / max(participants.count, 1)
        let lifelines = participants.indices.map { index in
            slot > 0 ? gutter + slot * index + slot / 2 : min(gutter + index, width - 1)
        }
        self.gutter = gutter
        self.lifelines = lifelines
        var row = TerminalLine(width: width)
        for column in lifelines { row.put("│", at: column, style: .dim) }
        lifelineRow = row
    }

    var bodyWidth: Int { width - gutter }

    func column(of participant: String) -> Int? {
        participants.firstIndex(of: participant).map { lifelines[$0] }
    }

    /// The header rows, then a row of lifelines under them.
    func header() -> [TerminalLine] {
        let indices = Array(participants.indices)
        if let row = nameRow(for: indices, truncating: false) {
            return [row, lifelineRow]
        }
        let even = indices.filter { $0 % 2 == 0 }
        let odd = indices.filter { $0 % 2 == 1 }
        let top = nameRow(for: even, truncating: false) ?? nameRow(for: even, truncating: true)
        var bottom = nameRow(for: odd, truncating: false) ?? nameRow(for: odd, truncating: true)
        guard let top, var lower = bottom else { return [lifelineRow] }
        for index in even { lower.put("│", at: lifelines[index], style: .dim) }
        bottom = lower
        return [top, lower, lifelineRow]
    }

    /// One row naming `indices`, or nil when two names would touch and `truncating` is off (with
    /// it on, each name is cut to the distance to its nearest neighbour in the row).
    private func nameRow(for indices: [Int], truncating: Bool) -> TerminalLine? {
        var row = TerminalLine(width: width)
        var nextFree = gutter
        for (position, index) in indices.enumerated() {
            let lifeline = lifelines[index]
            var name = participants[index]
            if truncating {
                let next = position + 1 < indices.count ? lifelines[indices[position + 1]] - lifeline : bodyWidth
                let previous = position > 0 ? lifeline - lifelines[indices[position - 1]] : bodyWidth
                name = DisplayText.truncated(name, to: max(1, min(next, previous, bodyWidth + 1) - 1))
            }
            let columns = DisplayText.columns(name)
            var start = max(min(lifeline - (columns - 1) / 2, width - columns), gutter)
            if start < nextFree {
                // Off centre is fine while the name still stands over its lifeline.
                guard truncating || nextFree <= lifeline else { return nil }
                start = nextFree
            }
            guard truncating || start + columns <= width else { return nil }
            row.write(name, at: start, style: .bold)
            nextFree = start + columns + 1
        }
        return row
    }
}

/// How `TraceDiff` writes what it found: `diff -u`'s hunks, one line per hop.
struct DiffPrinter {
    let emit: (String) -> Void
    let names: (String, String)
    private var headed = false

    init(emit: @escaping (String) -> Void, names: (String, String)) {
        self.emit = emit
        self.names = names
    }

    /// `--- a` and `+++ b`, once, before the first difference.
    private mutating func head() {
        guard !headed else { return }
        headed = true
        emit("--- " + names.0)
        emit("+++ " + names.1)
    }

    /// The edits as hunks: each run of changes with `context` unchanged lines around it, under
    /// `@@ hop 5,3 +5,4 @@` (where the hunk starts on each side, counted from 1, and its length).
    mutating func hunks(_ edits: [SequenceDiff.Edit], left: [String], right: [String], context: Int, label: String) {
        let changed = edits.indices.filter { if case .keep = edits[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return }
        head()
        var groups: [ClosedRange<Int>] = []
        for position in changed {
            let range = max(0, position - context)...min(edits.count - 1, position + context)
            if let last = groups.last, range.lowerBound <= last.upperBound + 1 {
                groups[groups.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                groups.append(range)
            }
        }
        for group in groups {
            let slice = edits[group]
            let startLeft = slice.lazy.compactMap(\.leftIndex).first.map { $0 + 1 } ?? 0
            let startRight = slice.lazy.compactMap(\.rightIndex).first.map { $0 + 1 } ?? 0
            let countLeft = slice.filter { $0.leftIndex != nil }.count, countRight = slice.filter { $0.rightIndex != nil }.count
            emit("@@ \(label) -\(startLeft),\(countLeft) +\(startRight),\(countRight) @@")
            for edit in slice {
                switch edit {
                case let .keep(x, _): emit("  " + left[x])
                case let .remove(x): emit("- " + left[x])
                case let .add(y): emit("+ " + right[y])
                }
            }
        }
    }

    /// The syscalls of one hop found in both traces: removed and added lines, each either
    /// explained by `ExpectedDifference` (`~`, with the reason, once per reason) or not.
    mutating func syscalls(_ left: [String], _ right: [String], hop: String, at position: (Int, Int)) -> (unexpected: Int, expected: Int) {
        let edits = SequenceDiff.edits(left, right)
        var lines: [String] = [], reasons: [String] = [], unexpected = 0, expected = 0
        for edit in edits {
            let (sign, text): (String, String)
            switch edit {
            case .keep: continue
            case let .remove(x): (sign, text) = ("-", left[x])
            case let .add(y): (sign, text) = ("+", right[y])
            }
            if let reason = ExpectedDifference.explaining(text) {
                expected += 1
                lines.append("~ " + text)
                if !reasons.contains(reason.reason) { reasons.append(reason.reason) }
            } else {
                unexpected += 1
                lines.append(sign + " " + text)
            }
        }
        guard !lines.isEmpty else { return (0, 0) }
        head()
        emit("@@ syscalls under hop -\(position.0 + 1) +\(position.1 + 1): \(hop) @@")
        for line in lines { emit(line) }
        for reason in reasons { emit("  (expected: " + reason + ")") }
        return (unexpected, expected)
    }
}

extension SequenceDiff.Edit {
    var leftIndex: Int? {
        switch self {
        case let .keep(x, _), let .remove(x): return x
        case .add: return nil
        }
    }

    var rightIndex: Int? {
        switch self {
        case let .keep(_, y), let .add(y): return y
        case .remove: return nil
        }
    }
}

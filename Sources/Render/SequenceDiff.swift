/// The shortest edit script between two sequences (Myers, "An O(ND) Difference Algorithm",
/// 1986, as `diff` and `git diff` use), as runs of kept, removed and added elements.
enum SequenceDiff {
    enum Edit: Equatable {
        case keep(Int, Int)
        case remove(Int)
        case add(Int)
    }

    /// Edits turning `a` into `b`, in order. When more than `maximumDistance` edits would be
    /// needed, the middle is reported as wholly removed then added (the two traces are
    /// unrelated there, and the search would cost more than it tells).
    static func edits<Element: Equatable>(_ a: [Element], _ b: [Element], maximumDistance: Int = 1_000) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var out = (0..<prefix).map { Edit.keep($0, $0) }
        let middleA = Array(a[prefix..<(a.count - suffix)]), middleB = Array(b[prefix..<(b.count - suffix)])
        let middle = myers(middleA, middleB, maximumDistance: maximumDistance)
            ?? (middleA.indices.map { Edit.remove($0) } + middleB.indices.map { Edit.add($0) })
        for edit in middle {
            switch edit {
            case let .keep(x, y): out.append(.keep(x + prefix, y + prefix))
            case let .remove(x): out.append(.remove(x + prefix))
            case let .add(y): out.append(.add(y + prefix))
            }
        }
        for offset in 0..<suffix { out.append(.keep(a.count - suffix + offset, b.count - suffix + offset)) }
        return out
    }

    private static func myers<Element: Equatable>(_ a: [Element], _ b: [Element], maximumDistance: Int) -> [Edit]? {
        let n = a.count, m = b.count, limit = min(n + m, maximumDistance)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var history: [[Int]] = []
        for d in 0...limit {
            history.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m { return backtrack(history, offset: offset, n: n, m: m, d: d) }
            }
        }
        return nil
    }

    private static func backtrack(_ history: [[Int]], offset: Int, n: Int, m: Int, d final: Int) -> [Edit] {
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: final, through: 1, by: -1) {
            let v = history[d]
            let k = x - y
            let down = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
            let previousK = down ? k + 1 : k - 1
            let previousX = v[offset + previousK], previousY = previousX - previousK
            while x > previousX + (down ? 0 : 1), y > previousY + (down ? 1 : 0) {
                x -= 1; y -= 1
                edits.append(.keep(x, y))
            }
            if down { y -= 1; edits.append(.add(y)) } else { x -= 1; edits.append(.remove(x)) }
        }
        while x > 0, y > 0 { x -= 1; y -= 1; edits.append(.keep(x, y)) }
        return edits.reversed()
    }
}

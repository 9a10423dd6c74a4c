/// Shortens a hop's `op` to fit the room an arrow has, the way a person would: long ids first
/// (to 12 characters, as Docker's `stringid.TruncateID` prints container and image ids), then
/// the API version prefix of an Engine API path, then the RPC's package (`Tasks/Create`, as
/// `ctr` prints methods), then directories of long paths in an exec's argv, then the query
/// string, and only then a cut with `…`.
enum OperationLabel {
    /// Hex runs at least this long are ids or digests (Docker's are 64).
    static let idMinimumLength = 32
    /// Docker's short id length (`stringid.shortLen`).
    static let shortIDLength = 12

    /// `op` at most `limit` columns wide.
    static func fitting(_ op: String, limit: Int) -> String {
        let candidates = variants(of: op)
        for candidate in candidates where DisplayText.columns(candidate) <= limit { return candidate }
        return DisplayText.truncated(candidates[candidates.count - 1], to: limit)
    }

    /// The ways to write `op`, most informative first; never empty.
    static func variants(of op: String) -> [String] {
        var out = [shortenedIDs(op)]
        func add(_ candidate: String) {
            if candidate != out[out.count - 1] { out.append(candidate) }
        }
        let current = out[0]
        if let (method, target) = httpParts(current) {
            let path = withoutAPIVersion(target)
            add(method + " " + path)
            add(method + " " + withoutQuery(path))
        } else if !current.contains(" "), let slash = current.lastIndex(of: "/"),
                  current[..<slash].contains(".") {
            let service = current[..<slash].split(separator: ".").last ?? ""
            add(String(service) + current[slash...])
        } else if current.contains(" ") {
            let words = current.split(separator: " ")
            add(words.map { shortenedPath($0) }.joined(separator: " "))
            add(withoutFlags(words).map { shortenedPath($0) }.joined(separator: " "))
        }
        return out
    }

    /// `op` with every long hex id cut to Docker's short length.
    static func shortenedIDs(_ op: String) -> String {
        var bytes = Array(op.utf8)
        var index = 0
        var changed = false
        while index < bytes.count {
            guard isHexDigit(bytes[index]), index == 0 || !isWordByte(bytes[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isHexDigit(bytes[end]) { end += 1 }
            if end - index >= idMinimumLength, end == bytes.count || !isWordByte(bytes[end]) {
                bytes.removeSubrange((index + shortIDLength)..<end)
                changed = true
                index += shortIDLength
            } else {
                index = end
            }
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : op
    }

    /// `HEAD /_ping` → (`HEAD`, `/_ping`): an HTTP request line's method and target.
    private static func httpParts(_ op: String) -> (String, String)? {
        guard let space = op.firstIndex(of: " ") else { return nil }
        let method = op[..<space]
        let target = op[op.index(after: space)...]
        guard !method.isEmpty, method.allSatisfy({ $0.isUppercase }), target.hasPrefix("/") else { return nil }
        return (String(method), String(target))
    }

    /// `/v1.41/containers/create` → `/containers/create` (the Engine API version prefix).
    private static func withoutAPIVersion(_ target: String) -> String {
        let parts = target.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].hasPrefix("v"), parts[0].dropFirst().contains("."),
              parts[0].dropFirst().allSatisfy({ $0.isNumber || $0 == "." })
        else { return target }
        return "/" + parts[1]
    }

    private static func withoutQuery(_ target: String) -> String {
        guard let question = target.firstIndex(of: "?") else { return target }
        return String(target[..<question]) + "?…"
    }

    /// An argv with its flags and their values dropped, each run marked `…`: `glassbox-shim
    /// -namespace moby -id 075a537fbe80 start` → `glassbox-shim … start`. A flag's value is the
    /// next word unless the flag carries it (`--root=/run/runc`) or the next word is a flag too.
    private static func withoutFlags(_ words: [Substring]) -> [Substring] {
        var out: [Substring] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            guard index > 0, word.hasPrefix("-") else {
                out.append(word)
                index += 1
                continue
            }
            let takesValue = !word.contains("=") && index + 1 < words.count - 1 && !words[index + 1].hasPrefix("-")
            index += takesValue ? 2 : 1
            if out.last != "…" { out.append("…") }
        }
        return out
    }

    /// A long path argument to its last component: `/run/glassbox/containerd/io…/bundle` → `…/bundle`.
    private static func shortenedPath(_ word: Substring) -> Substring {
        guard word.count > 16, word.contains("/"),
              let last = word.split(separator: "/").last, last.count < word.count - 2
        else { return word }
        return "…/" + last
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}

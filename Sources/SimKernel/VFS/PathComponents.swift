/// The components of a path, walked in place over its UTF-8 bytes rather than split into an
/// array, with a symlink's target walked in front of what remains (namei's nested walk in
/// fs/namei.c). Repeated slashes separate nothing, as in Linux.
struct PathComponents {
    static let separator = UInt8(ascii: "/")

    private var text: String
    /// Byte offset of the next component in `text`.
    private var position = 0
    /// What remains of the paths that led to the symlinks being walked, innermost last.
    private var outer: [(text: String, position: Int)] = []

    init(_ path: String) {
        text = path
        text.makeContiguousUTF8()
        settle()
    }

    /// Whether no component is left.
    var isAtEnd: Bool { position == text.utf8.count }

    /// The next component's name.
    mutating func next() -> String? {
        let start = position
        guard let (name, end) = text.withUTF8({ bytes -> (String, Int)? in
            guard start < bytes.count else { return nil }
            var end = start
            while end < bytes.count, bytes[end] != PathComponents.separator { end += 1 }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), end)
        }) else { return nil }
        position = end
        settle()
        return name
    }

    /// Walks `target` (a symlink's) before the components still left.
    mutating func push(_ target: String) {
        if !isAtEnd { outer.append((text, position)) }
        text = target
        text.makeContiguousUTF8()
        position = 0
        settle()
    }

    /// Skips separators, and returns to the outer path when this one is done, so that
    /// `position` is at a component's first byte, or everything has been walked.
    private mutating func settle() {
        while true {
            let start = position
            position = text.withUTF8 { bytes in
                var index = start
                while index < bytes.count, bytes[index] == PathComponents.separator { index += 1 }
                return index
            }
            guard isAtEnd, let (outerText, outerPosition) = outer.popLast() else { return }
            text = outerText
            position = outerPosition
        }
    }
}

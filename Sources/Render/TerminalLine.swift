/// One output line of the terminal diagram as a row of cells, one per column, so that nothing
/// drawn on it can make it wider than the terminal: text is clipped at the last cell.
///
/// Lines are drawn by overlaying a row of lifelines with arrows and text, then encoded once.
struct TerminalLine {
    /// The cell after a two-column character: covered, never printed.
    static let covered: Unicode.Scalar = "\u{0}"

    enum Style: UInt8 {
        case plain = 0, bold = 1, dim = 2
        case red = 31, green = 32, yellow = 33, blue = 34, magenta = 35, cyan = 36
    }

    private(set) var cells: [Unicode.Scalar]
    private(set) var styles: [Style]

    init(width: Int) {
        cells = Array(repeating: " ", count: width)
        styles = Array(repeating: .plain, count: width)
    }

    var width: Int { cells.count }

    /// Makes this line a copy of `template` without reallocating.
    mutating func reset(to template: TerminalLine) {
        precondition(template.width == width, "a template is as wide as the line")
        cells.withUnsafeMutableBufferPointer { target in
            template.cells.withUnsafeBufferPointer { source in
                _ = target.update(fromContentsOf: source)
            }
        }
        styles.withUnsafeMutableBufferPointer { target in
            template.styles.withUnsafeBufferPointer { source in
                _ = target.update(fromContentsOf: source)
            }
        }
    }

    /// Puts one single-column scalar at `column`; outside the line it is dropped.
    mutating func put(_ scalar: Unicode.Scalar, at column: Int, style: Style = .plain) {
        guard column >= 0, column < width else { return }
        uncover(column)
        cells[column] = scalar
        styles[column] = style
    }

    /// Writes `text` from `column` on, clipped at the end of the line. Returns the column after
    /// the last one written.
    @discardableResult
    mutating func write(_ text: String, at column: Int, style: Style = .plain) -> Int {
        var position = max(column, 0)
        for raw in text.unicodeScalars {
            let scalar = DisplayText.displayable(raw)
            let columns = DisplayText.columns(of: scalar)
            if columns == 0 { continue }
            guard position + columns <= width else { break }
            put(scalar, at: position, style: style)
            if columns == 2 {
                uncover(position + 1)
                cells[position + 1] = TerminalLine.covered
                styles[position + 1] = style
            }
            position += columns
        }
        return position
    }

    /// Fills `range` with `scalar`.
    mutating func fill(_ range: Range<Int>, with scalar: Unicode.Scalar, style: Style = .plain) {
        for column in range.clamped(to: 0..<width) { put(scalar, at: column, style: style) }
    }

    /// Keeps a two-column character whole or not at all when one of its cells is overwritten.
    private mutating func uncover(_ column: Int) {
        if cells[column] == TerminalLine.covered, column > 0 {
            cells[column - 1] = " "
        }
        if column + 1 < width, cells[column + 1] == TerminalLine.covered {
            cells[column + 1] = " "
        }
    }

    /// The line as text, trailing blanks dropped, with ANSI SGR colours when `color` is set.
    func rendered(color: Bool, into bytes: inout [UInt8]) -> String {
        bytes.removeAll(keepingCapacity: true)
        var end = width
        while end > 0, cells[end - 1] == " " || cells[end - 1] == TerminalLine.covered { end -= 1 }
        var current = Style.plain
        for column in 0..<end {
            let scalar = cells[column]
            if scalar == TerminalLine.covered { continue }
            if color, styles[column] != current, !(scalar == " " && styles[column] != .plain) {
                bytes.append(contentsOf: TerminalLine.sgr(styles[column]))
                current = styles[column]
            }
            UTF8.encode(scalar) { bytes.append($0) }
        }
        if color, current != .plain { bytes.append(contentsOf: TerminalLine.sgr(.plain)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Select Graphic Rendition: each style starts from a reset, so styles never combine.
    private static func sgr(_ style: Style) -> [UInt8] {
        style == .plain ? Array("\u{1B}[0m".utf8) : Array("\u{1B}[0;\(style.rawValue)m".utf8)
    }
}

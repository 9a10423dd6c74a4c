/// How many terminal columns text takes, and how to make it fit.
///
/// A terminal cell holds one column; CJK ideographs and most emoji take two, combining marks and
/// format characters none (the East Asian Width rules that `wcwidth(3)` follows, reduced to the
/// ranges a trace can plausibly carry). Control characters never reach the terminal: they are
/// shown as `�`, so a trace cannot move the cursor or inject colours.
enum DisplayText {
    static let ellipsis: Unicode.Scalar = "…"
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    static func columns(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        switch value {
        case 0x300...0x36F, 0x200B...0x200F, 0x2060...0x2064, 0xFE00...0xFE0F, 0xFE20...0xFE2F:
            return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The scalar as it may be shown: control characters replaced.
    static func displayable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) {
            return value == 0x09 ? " " : replacement
        }
        return scalar
    }

    static func columns(_ text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars { total += columns(of: displayable(scalar)) }
        return total
    }

    /// `text` cut to at most `limit` columns, ending in `…` when something was cut.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard limit > 0 else { return "" }
        guard columns(text) > limit else { return text }
        var out = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let width = columns(of: displayable(scalar))
            if used + width > limit - 1 { break }
            out.append(scalar)
            used += width
        }
        out.append(ellipsis)
        return String(out)
    }
}

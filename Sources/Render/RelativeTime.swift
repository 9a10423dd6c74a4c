/// The time gutter of the terminal diagram: how long after the trace's first event something
/// happened, `+12.345 ms` (microsecond resolution, as `strace -r` prints relative times), or
/// `+12.345 s` from ten seconds on, so the gutter keeps one width.
enum RelativeTime {
    /// The widest label, `+99999.999 s`, and one blank column after it.
    static let gutterWidth = 13

    static func label(nanoseconds: Int64) -> String {
        let sign = nanoseconds < 0 ? "-" : "+"
        let magnitude = nanoseconds.magnitude
        if magnitude < 10_000_000_000 {
            return sign + decimal(magnitude / 1_000) + " ms"
        }
        let milliseconds = magnitude / 1_000_000
        if milliseconds < 100_000_000 {
            return sign + decimal(milliseconds) + " s"
        }
        return sign + String(magnitude / 1_000_000_000) + " s"
    }

    /// A duration (`dur`) the same way, without the sign: `1.234 ms`.
    static func duration(nanoseconds: Int64) -> String {
        String(label(nanoseconds: nanoseconds).dropFirst())
    }

    /// `value` thousandths as `whole.fraction` with three fraction digits.
    private static func decimal(_ value: UInt64) -> String {
        let fraction = String(value % 1_000)
        return String(value / 1_000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

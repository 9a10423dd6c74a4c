/// Durations and sizes as Docker writes them for people (docker/go-units' HumanDuration and
/// HumanSizeWithPrecision), used by dockerd's `Status` strings and the client's tables.
public enum HumanUnits {
    /// "Less than a second", "3 seconds", "About a minute", "5 hours", "2 weeks"…
    public static func duration(nanoseconds: Int64) -> String {
        let seconds = nanoseconds / 1_000_000_000
        if seconds < 1 { return "Less than a second" }
        if seconds == 1 { return "1 second" }
        if seconds < 60 { return "\(seconds) seconds" }
        let minutes = seconds / 60
        if minutes == 1 { return "About a minute" }
        if minutes < 60 { return "\(minutes) minutes" }
        let hours = (nanoseconds + 1_800_000_000_000) / 3_600_000_000_000
        if hours == 1 { return "About an hour" }
        if hours < 48 { return "\(hours) hours" }
        if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
        if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
        if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
        return "\(hours / 24 / 365) years"
    }

    /// Decimal units with three significant digits, as `%.3g`: "1.24MB", "13.3kB", "812B".
    public static func size(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return significant(value, digits: 3) + units[unit]
    }

    /// `value` rounded to `digits` significant digits, trailing zeros dropped (`%g`).
    static func significant(_ value: Double, digits: Int) -> String {
        if value == 0 { return "0" }
        var integerDigits = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            integerDigits += 1
        }
        let decimals = max(0, digits - integerDigits)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        let whole = Int64(scaled / scale)
        var fraction = Int64(scaled) - whole * Int64(scale)
        guard decimals > 0, fraction > 0 else { return String(whole) }
        var text = String(fraction)
        text = String(repeating: "0", count: decimals - text.count) + text
        while text.hasSuffix("0") {
            text.removeLast()
            fraction /= 10
        }
        return "\(whole).\(text)"
    }
}

extension HumanUnits {
    /// Binary units with three significant digits, as go-units' BytesSize: "23.54GiB".
    public static func binarySize(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return significant(value, digits: 4) + units[unit]
    }
}

import KernelInterface

/// Timestamps as Go's `time.Time` marshals them in JSON (`time.RFC3339Nano`, UTC): the
/// `created` of runc's state, of image configs and their history. Trailing zeros of the
/// fraction are dropped, and a whole second has no fraction, as Go's layout `.999999999` does.
public enum RFC3339 {
    /// Formats nanoseconds since the Unix epoch: `2026-11-22T18:32:33.110334319Z`.
    public static func format(nanosecondsSinceEpoch: Int64) -> String {
        Timestamp.rfc3339(nanoseconds: nanosecondsSinceEpoch)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` into nanoseconds since the epoch.
    public static func parse(_ text: String) -> Int64? {
        let chars = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= chars.count else { return nil }
            var value: Int64 = 0
            for c in chars[start..<start + count] {
                guard (0x30...0x39).contains(c) else { return nil }
                value = value * 10 + Int64(c - 0x30)
            }
            return value
        }
        guard chars.count >= 20, chars[4] == 0x2d, chars[7] == 0x2d, chars[10] == 0x54 || chars[10] == 0x74,
              chars[13] == 0x3a, chars[16] == 0x3a,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var nanos: Int64 = 0
        if chars[index] == 0x2e {
            index += 1
            var digits = 0
            while index < chars.count, (0x30...0x39).contains(chars[index]) {
                if digits < 9 { nanos = nanos * 10 + Int64(chars[index] - 0x30) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        var offsetSeconds: Int64 = 0
        guard index < chars.count else { return nil }
        if chars[index] == 0x5a || chars[index] == 0x7a {
            index += 1
        } else if chars[index] == 0x2b || chars[index] == 0x2d {
            guard chars.count == index + 6, chars[index + 3] == 0x3a,
                  let hours = number(index + 1, 2), let minutes = number(index + 4, 2) else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (chars[index] == 0x2d ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == chars.count else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return seconds * 1_000_000_000 + nanos
    }

    /// Howard Hinnant's `days_from_civil`.
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400).0
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a >= 0 ? a / b : (a - b + 1) / b
        return (q, a - q * b)
    }
}

/// A moment as a calendar shows it, in UTC (the simulator has no time zones and a container's
/// `/etc/localtime` is usually absent, so busybox also prints UTC there).
struct CivilTime: Equatable {
    var year: Int64
    var month: Int   // 1...12
    var day: Int     // 1...31
    var hour: Int
    var minute: Int
    var second: Int

    init(year: Int64, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// From seconds since the epoch, with Howard Hinnant's days-to-civil algorithm.
    init(secondsSinceEpoch seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    var monthName: String { CivilTime.monthNames[month - 1] }
}

/// Left- or right-justifies `text` in `width` columns, as printf's `%-8s` and `%9s` do.
func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
    let count = text.count
    if count >= width { return text }
    let spaces = String(repeating: " ", count: width - count)
    return left ? text + spaces : spaces + text
}

/// `%02d`.
func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

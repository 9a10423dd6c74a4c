import KernelInterface

extension Ls {
    /// One `ls -l` line in busybox's layout (display_single):
    /// `%-10s %4lu %-8s %-8s %9llu MMM DD HH:MM name`, devices showing `major, minor` in place
    /// of the size, a symlink followed by ` -> target`. `database` nil prints numeric ids (`-n`).
    static func longLine(_ item: Item, linkTarget: String?, database: UserDatabase?, now: Int64) -> String {
        let status = item.status
        let user = database?.userName(status.uid) ?? String(status.uid)
        let group = database?.groupName(status.gid) ?? String(status.gid)
        let size: String
        if status.kind == .characterDevice || status.kind == .blockDevice {
            size = pad(String(status.deviceNumber.major), 4) + ", " + pad(String(status.deviceNumber.minor), 3)
        } else {
            size = pad(String(status.size), 9)
        }
        var line = pad(status.modeString, 10, left: true) + " " + pad(String(status.linkCount), 4) + " "
        line += pad(user, 8, left: true) + " " + pad(group, 8, left: true) + " " + size + " "
        line += timestamp(seconds: status.modified / 1_000_000_000, now: now) + " " + item.name
        if let linkTarget { line += " -> " + linkTarget }
        return line
    }

    /// ctime(3)'s month, day and either time (files younger than six months) or year, as
    /// busybox prints `%.12s` or `%.7s%6s` of it. In UTC.
    static func timestamp(seconds: Int64, now: Int64) -> String {
        let time = CivilTime(secondsSinceEpoch: seconds)
        let monthDay = time.monthName + " " + pad(String(time.day), 2)
        let age = now - seconds
        if age < 3600 * 24 * 365 / 2 && age > -15 * 60 {
            return monthDay + " " + twoDigits(time.hour) + ":" + twoDigits(time.minute)
        }
        return monthDay + " " + pad(String(time.year), 5)
    }

    /// `total N`: the 1 KiB blocks of the listed files, counted as a 4 KiB-block filesystem
    /// stores them (FileStatus has no st_blocks), rounded up as busybox's calculate_blocks.
    static func totalBlocks(_ items: [Item]) -> Int64 {
        var halfKilobytes: Int64 = 1
        for item in items where item.status.kind == .regular || item.status.kind == .directory {
            halfKilobytes += (max(item.status.size, 0) + 4095) / 4096 * 8
        }
        return halfKilobytes / 2
    }
}

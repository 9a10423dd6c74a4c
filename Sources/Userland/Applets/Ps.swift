import KernelInterface

/// `ps`: every process of the reader's pid namespace, from /proc, in busybox's default
/// `-o pid,user,time,args` layout (procps/ps.c with FEATURE_PS_TIME):
///
///     PID   USER     TIME  COMMAND
///         1 root      0:00 sh
///
/// The user comes from the real uid in /proc/PID/status through /etc/passwd; TIME is utime +
/// stime from /proc/PID/stat at 100 ticks a second; COMMAND is /proc/PID/cmdline with its NULs
/// as spaces, or `[comm]` when the process has none (a kernel thread, a zombie).
enum Ps {
    struct Entry: Equatable {
        var pid: Int32
        var user: String
        var ticks: Int64
        var command: String
    }

    static let header = "PID   USER     TIME  COMMAND"
    static let ticksPerSecond: Int64 = 100

    static func main(_ context: ProcessContext) -> Int32 {
        let kernel = context.kernel
        let entries: [DirectoryEntry]
        do { entries = try kernel.readdir("/proc") } catch {
            context.complain("ps", "can't open '/proc': \(describe(error))")
            return 1
        }
        let database = UserDatabase(kernel: kernel)
        let pids = entries.compactMap { Int32($0.name) }.sorted()
        let width = context.isTerminal(.standardOutput) ? 79 : Int.max
        var lines = [header]
        for pid in pids {
            guard let entry = read(pid: pid, kernel: kernel, database: database) else { continue }
            lines.append(String(line(entry).prefix(width)))
        }
        context.output(Array(lines.map { $0 + "\n" }.joined().utf8))
        return 0
    }

    /// One process, or nil when it ended while being read.
    static func read(pid: Int32, kernel: Kernel, database: UserDatabase) -> Entry? {
        guard let stat = try? kernel.readTextFile("/proc/\(pid)/stat"),
              let parsed = parseStat(stat) else { return nil }
        let status = (try? kernel.readTextFile("/proc/\(pid)/status")) ?? ""
        let uid = realUID(status: status)
        let cmdline = (try? kernel.readFile("/proc/\(pid)/cmdline")) ?? []
        return Entry(pid: pid, user: uid.map(database.userName) ?? "?", ticks: parsed.ticks,
                     command: command(cmdline: cmdline, comm: parsed.comm))
    }

    /// `comm` and utime + stime from `pid (comm) S ppid … utime stime …`. The comm is found by
    /// the last `)`, since a comm may itself hold spaces and parentheses.
    static func parseStat(_ text: String) -> (comm: String, ticks: Int64)? {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")") else { return nil }
        let comm = String(text[text.index(after: open)..<close])
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is stat's field 3 (state); utime and stime are fields 14 and 15.
        guard fields.count > 12 else { return (comm, 0) }
        return (comm, (Int64(fields[11]) ?? 0) + (Int64(fields[12]) ?? 0))
    }

    /// The first number of status's `Uid:` line (real, effective, saved, filesystem).
    static func realUID(status: String) -> UInt32? {
        for line in status.split(separator: "\n") where line.hasPrefix("Uid:") {
            return line.dropFirst(4).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { UInt32($0) }
        }
        return nil
    }

    static func command(cmdline: [UInt8], comm: String) -> String {
        var bytes = cmdline
        while bytes.last == 0 { bytes.removeLast() }
        if bytes.isEmpty { return "[\(comm)]" }
        return String(decoding: bytes.map { $0 == 0 || $0 < 0x20 ? 0x20 : $0 }, as: UTF8.self)
    }

    /// `%5u %-8s %5s %s`: the time as `mm:ss`, minutes right-aligned in two columns.
    static func line(_ entry: Entry) -> String {
        let seconds = entry.ticks / ticksPerSecond
        let time = pad(String(seconds / 60), 2) + ":" + twoDigits(Int(seconds % 60))
        return pad(String(entry.pid), 5) + " " + pad(entry.user, 8, left: true) + " " + pad(time, 5) + " " + entry.command
    }
}

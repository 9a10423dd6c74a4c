import KernelInterface

/// `ps`: every process of the reader's pid namespace, from /proc, in busybox's default
/// `-o pid,user,time,args` layout (procps/ps.c with FEATURE_PS_TIME):
///
///     PID   USER     TIME  COMMAND
///         1 root      0:00 sh
///
/// The user comes from the real uid in /proc/PID/status through /etc/passwd; TIME is utime +
/// stime from /proc/PID/stat at 100 ticks a second; COMMAND is /proc/PID/cmdline with its NULs
/// as spaces, or `[comm]` when the process has none (a kernel thread, a zombie). `-o LIST`
/// chooses the columns, as busybox's does, among pid, ppid, user, time, comm and args.
enum Ps {
    struct Entry: Equatable {
        var pid: Int32
        var user: String
        var ticks: Int64
        var command: String
        var ppid: Int32 = 0
        var comm = ""
    }

    /// A column of `-o`: its header and how a value is laid out (busybox's out_spec widths;
    /// numbers right-aligned, names left-aligned, the last column unpadded).
    enum Column: String {
        case pid, ppid, user, time, comm, args

        var header: String {
            switch self {
            case .args, .comm: return "COMMAND"
            default: return rawValue.uppercased()
            }
        }

        var width: Int {
            switch self {
            case .pid, .ppid, .time: return 5
            case .user: return 8
            case .comm: return 16
            case .args: return 0
            }
        }

        func value(_ entry: Entry) -> String {
            switch self {
            case .pid: return String(entry.pid)
            case .ppid: return String(entry.ppid)
            case .user: return entry.user
            case .time:
                let seconds = entry.ticks / Ps.ticksPerSecond
                return pad(String(seconds / 60), 2) + ":" + twoDigits(Int(seconds % 60))
            case .comm: return entry.comm
            case .args: return entry.command
            }
        }

        var leftAligned: Bool { self == .user || self == .comm || self == .args }
    }

    static let defaultColumns: [Column] = [.pid, .user, .time, .args]

    static var header: String { row(defaultColumns, header: true, entry: nil) }
    static let ticksPerSecond: Int64 = 100

    static func main(_ context: ProcessContext) -> Int32 {
        let kernel = context.kernel
        let entries: [DirectoryEntry]
        do { entries = try kernel.readdir("/proc") } catch {
            context.complain("ps", "can't open '/proc': \(describe(error))")
            return 1
        }
        var columns = defaultColumns
        var arguments = context.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            guard argument == "-o", let list = arguments.popFirst() else {
                context.complain("ps", "unrecognized option: \(argument)")
                return 1
            }
            var chosen: [Column] = []
            for name in list.split(separator: ",") {
                guard let column = Column(rawValue: String(name)) else {
                    context.complain("ps", "bad -o argument '\(name)', supported arguments: pid,ppid,user,time,comm,args")
                    return 1
                }
                chosen.append(column)
            }
            columns = chosen
        }
        let database = UserDatabase(kernel: kernel)
        let pids = entries.compactMap { Int32($0.name) }.sorted()
        let width = context.isTerminal(.standardOutput) ? 79 : Int.max
        var lines = [row(columns, header: true, entry: nil)]
        for pid in pids {
            guard let entry = read(pid: pid, kernel: kernel, database: database) else { continue }
            lines.append(String(row(columns, header: false, entry: entry).prefix(width)))
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
                     command: command(cmdline: cmdline, comm: parsed.comm), ppid: parsed.ppid, comm: parsed.comm)
    }

    /// `comm` and utime + stime from `pid (comm) S ppid … utime stime …`. The comm is found by
    /// the last `)`, since a comm may itself hold spaces and parentheses.
    static func parseStat(_ text: String) -> (comm: String, ticks: Int64, ppid: Int32)? {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")") else { return nil }
        let comm = String(text[text.index(after: open)..<close])
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is stat's field 3 (state), fields[1] the ppid; utime and stime are fields 14
        // and 15.
        let ppid = fields.count > 1 ? Int32(fields[1]) ?? 0 : 0
        guard fields.count > 12 else { return (comm, 0, ppid) }
        return (comm, (Int64(fields[11]) ?? 0) + (Int64(fields[12]) ?? 0), ppid)
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

    /// One line of columns, separated by a space: the default is `%5u %-8s %5s %s` with the
    /// time as `mm:ss`, minutes right-aligned in two columns. Headers are left-aligned in their
    /// column's width, values as their column says; the last column is not padded.
    static func row(_ columns: [Column], header: Bool, entry: Entry?) -> String {
        var cells: [String] = []
        for (index, column) in columns.enumerated() {
            let text = header ? column.header : entry.map(column.value) ?? ""
            if index == columns.count - 1 {
                cells.append(text)
            } else {
                cells.append(pad(text, column.width, left: header || column.leftAligned))
            }
        }
        return cells.joined(separator: " ")
    }

    static func line(_ entry: Entry) -> String {
        row(defaultColumns, header: false, entry: entry)
    }
}

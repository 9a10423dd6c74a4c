import KernelInterface

/// One line of `/proc/self/mountinfo` (proc(5)), the table runc's moby/sys/mountinfo reads to
/// find the cgroup hierarchies and the mount a rootfs sits on:
///
///     36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
///     (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)    (10)         (11)
struct MountInfo: Equatable, Sendable {
    /// Field 4: the directory of the file system mounted here (`/` unless a bind of a part).
    var root: String
    /// Field 5: where it is mounted, as the reader sees it.
    var mountPoint: String
    /// Field 6: the per-mount options (`rw,nosuid,nodev,noexec,relatime`).
    var mountOptions: [String]
    /// Field 7: `shared:N`, `master:N`, `propagate_from:N`, `unbindable`.
    var optionalFields: [String]
    /// Field 9.
    var fileSystemType: String
    /// Field 10.
    var source: String
    /// Field 11: for a cgroup v1 mount, its controllers (`rw,cpu,cpuacct`).
    var superOptions: [String]

    init?(parsing line: Substring) {
        // Split on the bytes: the kernel writes ASCII separators and escapes any in a path.
        let fields = line.utf8.split(separator: UInt8(ascii: " ")).map { Substring($0) }
        guard let separator = fields.firstIndex(of: "-"), separator >= 6, fields.count >= separator + 3 else { return nil }
        root = MountInfo.unescape(fields[3])
        mountPoint = MountInfo.unescape(fields[4])
        mountOptions = MountInfo.list(fields[5])
        optionalFields = fields[6..<separator].map(String.init)
        fileSystemType = String(fields[separator + 1])
        source = MountInfo.unescape(fields[separator + 2])
        superOptions = fields.count > separator + 3 ? MountInfo.list(fields[separator + 3]) : []
    }

    private static func list(_ field: Substring) -> [String] {
        field.utf8.split(separator: UInt8(ascii: ",")).map { String(Substring($0)) }
    }

    var isShared: Bool { optionalFields.contains { $0.hasPrefix("shared:") } }

    /// The kernel writes space, tab, newline and backslash in paths as `\040`-style octal.
    static func unescape(_ field: Substring) -> String {
        guard field.utf8.contains(UInt8(ascii: "\\")) else { return String(field) }
        var bytes: [UInt8] = []
        let utf8 = Array(field.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 3 < utf8.count,
               let value = UInt8(String(decoding: utf8[(index + 1)...(index + 3)], as: UTF8.self), radix: 8) {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The calling process's mount table.
    static func read(kernel: Kernel) throws -> [MountInfo] {
        try kernel.readTextFile("/proc/self/mountinfo").utf8.split(separator: UInt8(ascii: "\n"))
            .compactMap { MountInfo(parsing: Substring($0)) }
    }

    /// The mount a path lies on: the entry with the longest mount point that is the path or a
    /// directory above it (the last such entry, since a later mount hides an earlier one).
    static func mount(containing path: String, in table: [MountInfo]) -> MountInfo? {
        var best: MountInfo?
        for entry in table where isWithin(path, entry.mountPoint) {
            if best == nil || entry.mountPoint.count >= (best?.mountPoint.count ?? 0) { best = entry }
        }
        return best
    }

    static func isWithin(_ path: String, _ directory: String) -> Bool {
        directory == "/" || path == directory || path.hasPrefix(directory + "/")
    }
}

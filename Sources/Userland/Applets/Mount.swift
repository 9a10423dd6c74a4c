import KernelInterface

/// `mount [-r] [-t TYPE] [-o OPTIONS] [--bind|--rbind] SOURCE TARGET`, or with no operands the
/// mount table in busybox's `SOURCE on TARGET type TYPE (OPTIONS)` form, read from /proc/mounts
/// as busybox's util-linux/mount.c reads it through getmntent(3).
enum Mount {
    static func main(_ context: ProcessContext) -> Int32 {
        var arguments = Array(context.arguments.dropFirst())
        var extraFlags: MountFlags = []
        arguments.removeAll { argument in
            switch argument {
            case "--bind": extraFlags.insert(.bind); return true
            case "--rbind": extraFlags.formUnion([.bind, .recursive]); return true
            case "--move": extraFlags.insert(.move); return true
            default: return false
            }
        }
        let options: ParsedOptions
        do { options = try parseOptions(arguments, flags: "rwanfv", valued: "to") } catch {
            context.complain("mount", error.message)
            return 1
        }
        if options.operands.isEmpty { return list(context) }
        guard options.operands.count == 2 else {
            context.printError("Usage: mount [OPTIONS] [-o OPT] DEVICE NODE")
            return 1
        }
        var (flags, data) = parse(options: options.values["o"] ?? "")
        flags.formUnion(extraFlags)
        if options.has("r") { flags.insert(.readOnly) }
        let source = options.operands[0]
        let target = options.operands[1]
        let fstype = options.values["t"] ?? (flags.contains(.bind) ? "" : source)
        do {
            try context.kernel.mount(source: source, target: target, fstype: fstype, flags: flags, data: data)
            return 0
        } catch {
            context.complain("mount", "mounting \(source) on \(target) failed: \(describe(error))")
            return 255
        }
    }

    static func list(_ context: ProcessContext) -> Int32 {
        let table: String
        do { table = try context.kernel.readTextFile("/proc/mounts") } catch {
            context.complain("mount", "can't read '/proc/mounts': \(describe(error))")
            return 1
        }
        context.output(Array(describeTable(table).utf8))
        return 0
    }

    /// `/proc/mounts` lines (`proc /proc proc rw,nosuid 0 0`) as mount prints them.
    static func describeTable(_ table: String) -> String {
        var out = ""
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 4 else { continue }
            out += "\(fields[0]) on \(fields[1]) type \(fields[2]) (\(fields[3]))\n"
        }
        return out
    }

    /// Splits `-o` into mount(2) flags and the filesystem's own data, as busybox's
    /// parse_mount_options does with its mount_options table.
    static func parse(options: String) -> (MountFlags, String) {
        let known: [String: MountFlags] = [
            "ro": .readOnly, "nosuid": .noSetuid, "nodev": .noDevices, "noexec": .noExec,
            "remount": .remount, "bind": .bind, "rbind": [.bind, .recursive], "move": .move,
            "private": .private, "rprivate": [.private, .recursive], "slave": .slave,
            "rslave": [.slave, .recursive], "shared": .shared, "rshared": [.shared, .recursive],
            "relatime": .relativeAccessTime, "strictatime": .strictAccessTime,
        ]
        let ignored: Set<String> = ["rw", "suid", "dev", "exec", "defaults", "auto", "noauto"]
        var flags: MountFlags = []
        var data: [String] = []
        for option in options.split(separator: ",").map(String.init) {
            if let flag = known[option] { flags.formUnion(flag) } else if !ignored.contains(option) { data.append(option) }
        }
        return (flags, data.joined(separator: ","))
    }
}

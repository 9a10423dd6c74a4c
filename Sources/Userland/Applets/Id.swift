import KernelInterface

/// `id [-ugGnr] [USER]`: `uid=0(root) gid=0(root) groups=0(root),10(wheel)`, from getuid(2),
/// getgid(2), /etc/passwd and /etc/group, as busybox's coreutils/id.c prints it. The groups are
/// the ones /etc/group gives the user (runc sets exactly those with setgroups).
enum Id {
    static func main(_ context: ProcessContext) -> Int32 {
        let options: ParsedOptions
        do { options = try parseOptions(Array(context.arguments.dropFirst()), flags: "ugGnr") } catch {
            context.complain("id", error.message)
            return 1
        }
        let database = UserDatabase(kernel: context.kernel)
        var uid = context.kernel.getuid()
        var gid = context.kernel.getgid()
        if let name = options.operands.first {
            guard let user = database.user(named: name) ?? UInt32(name).flatMap({ database.user(uid: $0) }) else {
                context.complain("id", "unknown user \(name)")
                return 1
            }
            uid = user.uid
            gid = user.gid
        }
        let userName = database.user(uid: uid)?.name
        let groups = userName.map { database.groupIDs(of: $0, primary: gid) } ?? [gid]
        let names = options.has("n")
        if options.has("u") {
            context.print(names ? database.userName(uid) : String(uid))
        } else if options.has("g") {
            context.print(names ? database.groupName(gid) : String(gid))
        } else if options.has("G") {
            context.print(groups.map { names ? database.groupName($0) : String($0) }.joined(separator: " "))
        } else {
            context.print(line(uid: uid, gid: gid, groups: groups, database: database))
        }
        return 0
    }

    static func line(uid: UInt32, gid: UInt32, groups: [UInt32], database: UserDatabase) -> String {
        func named(_ id: UInt32, _ name: String?) -> String { name.map { "\(id)(\($0))" } ?? String(id) }
        let groupList = groups.map { named($0, database.group(gid: $0)?.name) }.joined(separator: ",")
        return "uid=\(named(uid, database.user(uid: uid)?.name)) gid=\(named(gid, database.group(gid: gid)?.name))"
            + " groups=\(groupList)"
    }
}

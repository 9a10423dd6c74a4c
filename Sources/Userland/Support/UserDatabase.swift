import KernelInterface

/// `/etc/passwd` and `/etc/group` as getpwuid(3) and getgrgid(3) read them, for the names `id`,
/// `ls -l` and `ps` print. A missing or unreadable file is an empty database: the tools then
/// print numbers, as busybox does.
struct UserDatabase {
    struct User { var name: String; var uid: UInt32; var gid: UInt32; var home: String }
    struct Group { var name: String; var gid: UInt32; var members: [String] }

    var users: [User] = []
    var groups: [Group] = []

    init(kernel: Kernel) {
        self.init(passwd: (try? kernel.readTextFile("/etc/passwd")) ?? "",
                  group: (try? kernel.readTextFile("/etc/group")) ?? "")
    }

    init(passwd: String, group: String) {
        for line in passwd.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 4, let uid = UInt32(fields[2]), let gid = UInt32(fields[3]) else { continue }
            users.append(User(name: String(fields[0]), uid: uid, gid: gid,
                              home: fields.count > 5 ? String(fields[5]) : "/"))
        }
        for line in group.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 3, let gid = UInt32(fields[2]) else { continue }
            let members = fields.count > 3 ? fields[3].split(separator: ",").map(String.init) : []
            groups.append(Group(name: String(fields[0]), gid: gid, members: members))
        }
    }

    func user(uid: UInt32) -> User? { users.first { $0.uid == uid } }
    func user(named name: String) -> User? { users.first { $0.name == name } }
    func group(gid: UInt32) -> Group? { groups.first { $0.gid == gid } }

    func userName(_ uid: UInt32) -> String { user(uid: uid)?.name ?? String(uid) }
    func groupName(_ gid: UInt32) -> String { group(gid: gid)?.name ?? String(gid) }

    /// The groups a user is in: the primary group first, then every group listing the user,
    /// as initgroups(3) builds the list runc passes to setgroups.
    func groupIDs(of user: String, primary: UInt32) -> [UInt32] {
        var ids = [primary]
        for group in groups where group.members.contains(user) && !ids.contains(group.gid) {
            ids.append(group.gid)
        }
        return ids
    }
}

import KernelInterface

/// A pid namespace: its own pid numbers, handed out in order from 1 as Linux's alloc_pid does,
/// and its init (pid 1), whose death kills every other process in it.
final class PidNamespace {
    let id: UInt64
    let parent: PidNamespace?
    var nextPID: Int32 = 1
    var members: [Int32: SimProcess] = [:]
    var initProcess: SimProcess?
    /// Set when the init died: fork into the namespace then fails, as on Linux.
    var isDead = false

    init(id: UInt64, parent: PidNamespace?) {
        self.id = id
        self.parent = parent
    }

    /// This namespace and its ancestors, innermost first.
    var chain: [PidNamespace] {
        var out: [PidNamespace] = [self]
        while let next = out[out.count - 1].parent { out.append(next) }
        return out
    }

    func isAncestor(of other: PidNamespace) -> Bool {
        other.chain.contains { $0 === self }
    }
}

/// A UTS namespace: the hostname uname(2) reports.
final class UTSNamespace {
    let id: UInt64
    var hostname: String
    init(id: UInt64, hostname: String) {
        self.id = id
        self.hostname = hostname
    }
}

/// A network namespace: its own loopback, so its own TCP port space.
final class NetworkNamespace {
    let id: UInt64
    var listeners: [UInt16: Socket] = [:]
    /// UNIX sockets bound in the abstract namespace (a path starting with NUL).
    var abstractSockets: [String: Socket] = [:]
    var boundPorts: Set<UInt16> = []
    var nextEphemeralPort: UInt16 = 32768
    init(id: UInt64) { self.id = id }

    /// The next free port of the ephemeral range, in order (Linux picks pseudo-randomly; a fixed
    /// order keeps runs reproducible).
    func ephemeralPort() -> UInt16 {
        while boundPorts.contains(nextEphemeralPort) { nextEphemeralPort &+= 1 }
        let port = nextEphemeralPort
        nextEphemeralPort = nextEphemeralPort == 60999 ? 32768 : nextEphemeralPort + 1
        return port
    }
}

/// A namespace with nothing to model beyond its identity (ipc, user).
final class PlainNamespace {
    let id: UInt64
    init(id: UInt64) { self.id = id }
}

/// A cgroup namespace: the cgroup that appears as `/` to its members.
final class CgroupNamespace {
    let id: UInt64
    let root: CGroup
    init(id: UInt64, root: CGroup) {
        self.id = id
        self.root = root
    }
}

/// What a descriptor on `/proc/PID/ns/*` holds, for setns(2).
enum NamespaceHandle {
    case mount(MountNamespace)
    case pid(PidNamespace)
    case uts(UTSNamespace)
    case ipc(PlainNamespace)
    case network(NetworkNamespace)
    case cgroup(CgroupNamespace)
    case user(PlainNamespace)

    var kind: Namespaces {
        switch self {
        case .mount: return .mount
        case .pid: return .pid
        case .uts: return .uts
        case .ipc: return .ipc
        case .network: return .network
        case .cgroup: return .cgroup
        case .user: return .user
        }
    }

    var id: UInt64 {
        switch self {
        case let .mount(ns): return ns.id
        case let .pid(ns): return ns.id
        case let .uts(ns): return ns.id
        case let .ipc(ns): return ns.id
        case let .network(ns): return ns.id
        case let .cgroup(ns): return ns.id
        case let .user(ns): return ns.id
        }
    }

    /// `mnt:[4026531840]`, as readlink(2) of `/proc/PID/ns/mnt` shows.
    var linkText: String {
        let name = Namespaces.all.first { $0.0 == kind }?.proc ?? "ns"
        return "\(name):[\(id)]"
    }
}

/// A cgroup v2 group: its member processes, its children, and the controller files' values
/// (stored as written; `pids.max` is enforced on fork and thread creation).
final class CGroup {
    let name: String
    weak var parent: CGroup?
    var children: [String: CGroup] = [:]
    var members: [SimProcess] = []
    let directory: Inode
    var values: [String: String] = [
        "memory.max": "max", "pids.max": "max", "cpu.max": "max 100000", "cpu.weight": "100",
        "cgroup.subtree_control": "",
    ]

    init(name: String, parent: CGroup?, directory: Inode) {
        self.name = name
        self.parent = parent
        self.directory = directory
        directory.cgroup = self
    }

    /// `/system.slice/docker-1.scope`; the root is `/`.
    var path: String {
        var names: [String] = []
        var walk: CGroup? = self
        while let group = walk, group.parent != nil {
            names.append(group.name)
            walk = group.parent
        }
        return "/" + names.reversed().joined(separator: "/")
    }

    /// The path as seen from a cgroup namespace rooted at `root` (`/..` above it, as Linux).
    func path(relativeTo root: CGroup) -> String {
        let mine = path
        let base = root.path
        if base == "/" { return mine }
        if mine == base { return "/" }
        if mine.hasPrefix(base + "/") { return String(mine.dropFirst(base.count)) }
        return "/.." + mine
    }

    /// Tasks (threads) in this group and below, as pids.current counts them.
    var taskCount: Int {
        members.reduce(0) { $0 + max(1, $1.threads.count) } + children.values.reduce(0) { $0 + $1.taskCount }
    }

    /// Whether `more` new tasks would exceed a `pids.max` here or above (EAGAIN on fork).
    func allowsNewTasks(_ more: Int) -> Bool {
        var walk: CGroup? = self
        while let group = walk {
            if let text = group.values["pids.max"], let limit = Int(text), group.taskCount + more > limit { return false }
            walk = group.parent
        }
        return true
    }
}

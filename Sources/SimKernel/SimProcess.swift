import KernelInterface

/// A program image to run: the program, and the argv and envp execve(2) passed.
struct Image {
    let program: Program
    let path: String
    let arguments: [String]
    let environment: [String]
    /// The file that runs (for a script, its interpreter): `/proc/PID/exe`.
    var file: Location? = nil
}

/// The credentials of a process (its threads share them here, as POSIX requires of
/// setuid(3) and glibc arranges on Linux).
struct Credentials {
    var uid: UInt32 = 0
    var gid: UInt32 = 0
    var groups: [UInt32] = []
    var capabilities = CapabilitySets.full
    var noNewPrivileges = false
    var umask: UInt32 = 0o022
    var limits: [String: ResourceLimit] = [:]

    func has(_ capability: Capability) -> Bool { capabilities.effective.contains(capability) }
    static let dacOverride = Capability(rawValue: 1)
    static let mknod = Capability(rawValue: 27)
}

/// A simulated process (a Linux thread group): its pid in every pid namespace from its own up to
/// the root, its family, its image, its files, its namespaces, cgroup and credentials.
final class SimProcess {
    enum State {
        case running
        case zombie(WaitStatus)
        case reaped
    }

    let serial: Int
    /// Innermost first: the pid in its own namespace, then in each ancestor namespace.
    var pids: [(namespace: PidNamespace, pid: Int32)]
    var pidNamespaceForChildren: PidNamespace
    var parent: SimProcess?
    var children: [SimProcess] = []
    var state: State = .running
    var threads: [SimThread] = []
    /// Bumped by every execve(2): calls from an older image's kernel handle unwind.
    var generation = 0

    var comm: String
    /// The failable-call counter of `comm`, cached (SimKernel.countFailableCall).
    var failableCounter: FailableCallCounter?
    var arguments: [String]
    var environment: [String]
    var root: Location
    var cwd: Location
    var executable: Location?
    var files: FileTable

    var mountNamespace: MountNamespace
    var uts: UTSNamespace
    var ipc: PlainNamespace
    var network: NetworkNamespace
    var cgroupNamespace: CgroupNamespace
    var user: PlainNamespace
    var cgroup: CGroup

    var credentials: Credentials
    var ignoredSignals: Set<Int32> = []
    /// Signals the process waits for with sigtimedwait(2), which it blocked first on Linux: from
    /// the first wait on, they are held pending instead of taking their default action.
    var waitedSignals: Set<Int32> = []
    var pendingSignals: Set<Int32> = []
    var isChildSubreaper = false
    /// PR_SET_PDEATHSIG: sent to this process when its parent ends.
    var parentDeathSignal: Signal?
    /// Nanoseconds after boot at which the process started (stat field 22, in clock ticks).
    var startedAt: Int64 = 0
    var sessionID: Int32 = 1
    var processGroupID: Int32 = 1

    init(serial: Int, pids: [(namespace: PidNamespace, pid: Int32)], comm: String, root: Location, files: FileTable,
         mountNamespace: MountNamespace, uts: UTSNamespace, ipc: PlainNamespace, network: NetworkNamespace,
         cgroupNamespace: CgroupNamespace, user: PlainNamespace, cgroup: CGroup, credentials: Credentials) {
        self.serial = serial
        self.pids = pids
        self.pidNamespaceForChildren = pids[0].namespace
        self.comm = comm
        self.arguments = []
        self.environment = []
        self.root = root
        self.cwd = root
        self.files = files
        self.mountNamespace = mountNamespace
        self.uts = uts
        self.ipc = ipc
        self.network = network
        self.cgroupNamespace = cgroupNamespace
        self.user = user
        self.cgroup = cgroup
        self.credentials = credentials
    }

    var pidNamespace: PidNamespace { pids[0].namespace }
    /// The pid in the root namespace: a stable name for reports and ordering.
    var globalPID: Int32 { pids[pids.count - 1].pid }
    var pid: Int32 { pids[0].pid }

    /// The pid as seen from `namespace`, or nil when the process is not visible there.
    func pid(in namespace: PidNamespace) -> Int32? {
        pids.first { $0.namespace === namespace }?.pid
    }

    var hasExited: Bool {
        if case .running = state { return false }
        return true
    }

    var isZombie: Bool {
        if case .zombie = state { return true }
        return false
    }

    /// Whether this process is the init of its own pid namespace.
    var isNamespaceInit: Bool { pidNamespace.initProcess === self }

    func ignores(_ signal: Signal) -> Bool { ignoredSignals.contains(signal.rawValue) }
}

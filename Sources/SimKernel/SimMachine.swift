import CLinux
import KernelInterface

/// An in-memory, deterministic Linux-like machine: processes, files, mounts, namespaces,
/// cgroups, pipes and sockets, on which Glassbox's programs run unchanged through `Kernel`.
///
/// It is a machine, not a log: each simulated thread is a fiber on the host thread that boots
/// the machine and runs only while it holds the machine's baton, so the machine's state is
/// touched by one thread at a time, and a seed decides every choice (who runs next, random
/// bytes), so one seed gives one run.
public final class SimMachine: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var seed: UInt64
        public var hostname: String
        /// How likely a Kernel call hands the baton to another ready thread.
        public var switchProbability: Double
        /// Real-time mode (`glassbox sim serve`): the host's kernel, whose clocks the virtual
        /// clock follows, on which an idle machine sleeps until its next timer or an outside
        /// event (a host connection's bytes), and with which host threads reach the machine
        /// (`connectFromHost`). With nil (the default) time is virtual and a run is
        /// deterministic: nothing ready and no timer is a deadlock.
        public var host: Kernel?

        public init(seed: UInt64, hostname: String = "glassbox", switchProbability: Double = 0.25, host: Kernel? = nil) {
            self.seed = seed
            self.hostname = hostname
            self.switchProbability = switchProbability
            self.host = host
        }
    }

    /// A fault decided before boot: the `call`-th (1-based) failable Kernel call made by
    /// processes named `process` fails with `errno`, or, when `errno` is nil, the process is
    /// killed with SIGKILL at that call.
    public struct Fault: Sendable {
        public var process: String
        public var call: Int
        public var errno: Errno?
        public init(process: String, call: Int, errno: Errno?) {
            self.process = process
            self.call = call
            self.errno = errno
        }
    }

    /// Why a run ended badly: a deadlock (with every thread and what it waits for) or a broken
    /// invariant.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    let configuration: Configuration
    var clock: VirtualClock
    /// What host threads hand to the machine in real-time mode; nil otherwise.
    let outside: OutsideEvents?
    var schedulerRandom: Xoshiro256StarStar
    var dataRandom: Xoshiro256StarStar
    var programs: [String: Program] = [:]
    var faults: [Fault] = []
    var failableCounters: [String: FailableCallCounter] = [:]
    /// Whether a trace file was installed: until one is, no path or descriptor can be one, and
    /// calls need not look.
    var hasTraceFiles = false

    var threads: [SimThread] = []
    /// Fibers of threads that have ended, freed when the next thread starts or the run ends.
    var finishedFibers: [OpaquePointer] = []
    var current: SimThread?
    /// The host thread that called `boot`, on which every fiber runs, and its own fiber, to
    /// which the baton returns when no thread is left.
    var hostThread: UInt = 0
    let hostFiber: OpaquePointer
    var failure: String?
    var booted = false

    var nextThreadSerial = 0
    var nextProcessSerial = 0
    let inodeNumbers = InodeNumbers()
    var nextDevice: UInt64 = 3
    var nextNamespaceID: UInt64 = 4_026_532_000
    var nextMountID = 20

    /// Every process not yet reaped, in creation order.
    var processes: [SimProcess] = []
    var initProcess: SimProcess?

    let rootPidNamespace: PidNamespace
    let rootUTS: UTSNamespace
    let rootNetwork: NetworkNamespace
    let rootIPC: PlainNamespace
    let rootUser: PlainNamespace
    let rootMountNamespace: MountNamespace
    let rootFilesystem: Filesystem
    let cgroupFilesystem: Filesystem
    let cgroupRoot: CGroup
    let rootCgroupNamespace: CgroupNamespace
    /// Where anonymous pipes and sockets get their inodes (pipefs, sockfs).
    let anonymousFilesystem: Filesystem

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        clock = VirtualClock(host: configuration.host)
        outside = configuration.host.map { OutsideEvents(host: $0) }
        var seeder = Xoshiro256StarStar(seed: configuration.seed)
        schedulerRandom = Xoshiro256StarStar(seed: seeder.next())
        dataRandom = Xoshiro256StarStar(seed: seeder.next())
        hostFiber = gb_fiber_for_host_thread()
        rootPidNamespace = PidNamespace(id: 4_026_531_836, parent: nil)
        rootUTS = UTSNamespace(id: 4_026_531_838, hostname: configuration.hostname)
        rootNetwork = NetworkNamespace(id: 4_026_531_840 + 152)
        rootIPC = PlainNamespace(id: 4_026_531_839)
        rootUser = PlainNamespace(id: 4_026_531_837)
        rootFilesystem = Filesystem(device: 1, type: "rootfs", source: "rootfs", numbers: inodeNumbers)
        cgroupFilesystem = Filesystem(device: 2, type: "cgroup2", source: "cgroup2", numbers: inodeNumbers)
        anonymousFilesystem = Filesystem(device: 3, type: "anon", source: "anon", numbers: inodeNumbers)
        cgroupRoot = CGroup(name: "", parent: nil, directory: cgroupFilesystem.root)
        rootCgroupNamespace = CgroupNamespace(id: 4_026_531_835, root: cgroupRoot)
        rootMountNamespace = MountNamespace(
            id: 4_026_531_840, root: Mount(id: 1, filesystem: rootFilesystem, root: rootFilesystem.root, source: "rootfs"))
        buildRootFilesystem()
    }

    deinit {
        gb_fiber_free(hostFiber)
    }

    /// The bytes of an executable that runs the registered program `name`.
    public static func executableContents(program name: String) -> [UInt8] {
        Array("\u{7F}SIM \(name)\n".utf8)
    }

    /// Makes exec of a file holding `executableContents(program:)` run `program`.
    public func register(_ program: Program) {
        programs[program.name] = program
    }

    /// Arms a fault; faults are decided before boot.
    public func inject(_ fault: Fault) {
        precondition(!booted, "SimMachine.inject: faults are decided before boot")
        faults.append(fault)
    }

    func allocateNamespaceID() -> UInt64 {
        nextNamespaceID += 1
        return nextNamespaceID
    }

    func allocateDevice() -> UInt64 {
        nextDevice += 1
        return nextDevice
    }
}

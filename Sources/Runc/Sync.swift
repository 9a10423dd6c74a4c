import KernelInterface
import OCI

// The sync pipe between `runc create` (the parent) and `runc init` (the child), as runc's
// libcontainer/sync.go. It is one end of a socketpair, the child's fd 3
// (`_LIBCONTAINER_INITPIPE`); every message is one line of JSON.
//
//   runc create                                         runc init (pid 1 of the new pid ns)
//   ───────────                                         ─────────
//   make the cgroup; fork init in the new namespaces
//   and straight into the cgroup v2 group, the
//   InitConfig in its copy of memory ─────────────────▶ join the cgroup v1 hierarchies
//                                                        (0 → tasks), unshare the cgroup ns;
//                                                        set up: mounts, pivot_root, hostname,
//                                                        user, capabilities, rlimits, lookPath
//              ◀─────────────────────────────────────── {"type":"procReady"}
//   set cgroup limits                                       or {"type":"procError",
//   {"type":"procRun"} ───────────────────────────────▶       "stage":…,"message":…} and exit
//                                                        close fd 3
//   read until EOF ◀──────────────────────────────────── (EOF)
//   write state.json, --pid-file; exit 0                 open exec.fifo for writing: blocks
//                                                        until `runc start` opens it to read,
//                                                        writes "0", execve(process.args)

/// One message of the exchange.
struct SyncMessage: Codable, Equatable, Sendable {
    enum Kind: String, Codable, Sendable {
        /// The child finished its set-up and waits for permission to go on.
        case procReady
        /// The parent set the cgroup limits: go on.
        case procRun
        /// The child failed; `stage` and `message` say where and why.
        case procError
    }

    var type: Kind
    var stage: String?
    var message: String?

    static let ready = SyncMessage(type: .procReady)
    static let run = SyncMessage(type: .procRun)
}

/// What the child is forked with: everything the set-up needs.
struct InitConfig: Sendable {
    var id: String
    var spec: Spec
    /// The root filesystem, absolute (`root.path` joined to the bundle when relative).
    var rootfs: String
    /// The descriptor of the `O_PATH` handle on exec.fifo in the child (`_LIBCONTAINER_FIFOFD`).
    var fifoFD: Int32
    /// The cgroup v1 `tasks` files the init joins by writing 0 to each, first thing
    /// (`CgroupManager.threadJoinFiles`); none on a cgroup v2 host.
    var cgroupTasks: [String]? = nil
    /// The cgroup v1 binds of the container's /sys/fs/cgroup (`CgroupManager.initBinds`), so
    /// the init need not read the mount table and /proc/self/cgroup to find them.
    var cgroupBinds: [CgroupBind]? = nil
}

/// One end of the sync socket: writes a value as a line, reads line by line with a buffer kept
/// across reads (the config and `procRun` may arrive in one segment or many).
final class SyncPipe {
    let kernel: Kernel
    let fd: FileDescriptor
    private var buffer: [UInt8] = []

    static let initPipeEnvironment = "_LIBCONTAINER_INITPIPE"
    static let fifoEnvironment = "_LIBCONTAINER_FIFOFD"

    init(kernel: Kernel, fd: FileDescriptor) {
        self.kernel = kernel
        self.fd = fd
    }

    func send<Value: Encodable>(_ value: Value) throws {
        try kernel.writeAll(fd, OCIJSON.encode(value) + [0x0A])
    }

    /// The next line decoded as `Value`; nil at end of file.
    func receive<Value: Decodable>(_ type: Value.Type) throws -> Value? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return try OCIJSON.decode(type, from: line)
            }
            let bytes = try kernel.read(fd, count: 65536)
            if bytes.isEmpty { return nil }
            buffer += bytes
        }
    }

    /// Reads until the other end closes, as the parent does to know the child has let go of
    /// the pipe (and is blocked on exec.fifo).
    func waitForClose() throws {
        while try !kernel.read(fd, count: 4096).isEmpty {}
    }

    func close() {
        try? kernel.close(fd)
    }
}

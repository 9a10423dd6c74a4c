import KernelInterface

/// procfs for the pid namespace of the process that mounted it: `/proc/self`, one directory
/// per visible process, `/proc/mounts`, `/proc/uptime`, `/proc/sys/kernel/hostname`. Entries are
/// computed on lookup; each process's directory is kept so its identity is stable.
final class ProcFS {
    unowned let machine: SimMachine
    unowned let filesystem: Filesystem
    let namespace: PidNamespace
    private var directories: [Int: Inode] = [:]
    /// Every entry handed out, by parent inode and name, so that the same path is the same inode
    /// (a bind mount on /proc/sys, as runc's readonly paths make, must be found again).
    private var entries: [String: Inode] = [:]

    init(machine: SimMachine, filesystem: Filesystem, namespace: PidNamespace) {
        self.machine = machine
        self.filesystem = filesystem
        self.namespace = namespace
    }

    func rootNames(_ reader: SimProcess) -> [String] {
        let pids = namespace.members.filter { !$0.value.hasExited || $0.value.isZombie }.keys.sorted().map(String.init)
        return ["mounts", "self", "sys", "uptime"] + pids
    }

    func rootEntry(_ reader: SimProcess, _ name: String) -> Inode? {
        switch name {
        case "self":
            guard let pid = reader.pid(in: namespace) else { return nil }
            return link(name, String(pid), parent: filesystem.root)
        case "mounts": return link(name, "self/mounts", parent: filesystem.root)
        case "uptime":
            return file(name, parent: filesystem.root) { [unowned machine] _ in
                let centiseconds = machine.clock.sinceBoot / 10_000_000
                let text = "\(centiseconds / 100).\(ProcFS.twoDigits(centiseconds % 100))"
                return Array("\(text) \(text)\n".utf8)
            }
        case "sys": return sysDirectory()
        default:
            guard let pid = Int32(name), let process = namespace.members[pid], !process.hasExited || process.isZombie else { return nil }
            return processDirectory(process)
        }
    }

    static func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    // MARK: Building blocks

    /// The entry `name` of `parent`: the one handed out before, or a new one.
    private func node(_ name: String, _ parent: Inode, _ kind: FileKind, _ permissions: UInt32) -> Inode {
        let key = "\(parent.number)/\(name)"
        if let known = entries[key], known.kind == kind { return known }
        let inode = filesystem.makeInode(kind, permissions: permissions)
        entries[key] = inode
        return inode
    }

    func file(_ name: String, parent: Inode, permissions: UInt32 = 0o444, write: ((SimProcess, [UInt8]) throws -> Void)? = nil,
              _ read: @escaping (SimProcess) -> [UInt8]) -> Inode {
        let inode = node(name, parent, .regular, permissions)
        inode.synthetic = SyntheticFile(read: read, write: write)
        inode.parent = parent
        return inode
    }

    func link(_ name: String, _ text: String, parent: Inode, magic: (() -> MagicTarget?)? = nil) -> Inode {
        let inode = node(name, parent, .symlink, 0o777)
        inode.linkTarget = text
        inode.magic = magic
        inode.parent = parent
        return inode
    }

    func directory(_ name: String, parent: Inode, names: @escaping (SimProcess) -> [String],
                   lookup: @escaping (SimProcess, String, Inode) -> Inode?) -> Inode {
        let inode = node(name, parent, .directory, 0o555)
        if inode.provider != nil { return inode }
        inode.parent = parent
        inode.provider = DirectoryProvider(names: names, lookup: { [unowned inode] reader, name in lookup(reader, name, inode) })
        return inode
    }

    private func sysDirectory() -> Inode {
        directory("sys", parent: filesystem.root, names: { _ in ["kernel"] }) { _, name, sys in
            guard name == "kernel" else { return nil }
            return self.directory(name, parent: sys, names: { _ in ["hostname", "osrelease", "ostype"] }) { _, name, kernel in
                switch name {
                case "hostname":
                    return self.file(name, parent: kernel, permissions: 0o644, write: { writer, bytes in
                        guard writer.credentials.has(.sysAdmin) else { throw Errno.EPERM }
                        writer.uts.hostname = String(decoding: bytes, as: UTF8.self).trimmingTrailingNewlines()
                    }) { reader in Array((reader.uts.hostname + "\n").utf8) }
                case "osrelease": return self.file(name, parent: kernel) { _ in Array((SimMachine.release + "\n").utf8) }
                case "ostype": return self.file(name, parent: kernel) { _ in Array("Linux\n".utf8) }
                default: return nil
                }
            }
        }
    }

    /// `/proc/PID/`.
    func processDirectory(_ process: SimProcess) -> Inode {
        if let cached = directories[process.serial] { return cached }
        let names = ["cgroup", "cmdline", "comm", "cwd", "environ", "exe", "fd", "mountinfo", "mounts", "ns", "root", "stat", "status"]
        let inode = directory("\(process.serial)", parent: filesystem.root, names: { _ in names }) { [unowned self] reader, name, directory in
            self.processEntry(process, name, reader: reader, directory: directory)
        }
        directories[process.serial] = inode
        return inode
    }

    private func processEntry(_ process: SimProcess, _ name: String, reader: SimProcess, directory: Inode) -> Inode? {
        let machine = self.machine
        let namespace = self.namespace
        switch name {
        case "stat": return file(name, parent: directory) { _ in Array(machine.statLine(process, namespace: namespace).utf8) }
        case "status": return file(name, parent: directory) { _ in Array(machine.statusText(process, namespace: namespace).utf8) }
        case "cmdline": return file(name, parent: directory) { _ in ProcFS.nulSeparated(process.isZombie ? [] : process.arguments) }
        case "environ": return file(name, parent: directory) { _ in ProcFS.nulSeparated(process.isZombie ? [] : process.environment) }
        case "comm": return file(name, parent: directory) { _ in Array((process.comm + "\n").utf8) }
        case "cgroup":
            return file(name, parent: directory) { reader in
                Array("0::\(process.cgroup.path(relativeTo: reader.cgroupNamespace.root))\n".utf8)
            }
        case "mounts": return file(name, parent: directory) { _ in Array(machine.mountsText(of: process).utf8) }
        case "mountinfo": return file(name, parent: directory) { _ in Array(machine.mountInfoText(of: process).utf8) }
        case "root", "cwd":
            let target = name == "root" ? process.root : process.cwd
            let text = reader.mountNamespace.path(of: target, from: reader.root)
            return link(name, text, parent: directory) { process.hasExited ? nil : .location(name == "root" ? process.root : process.cwd) }
        case "exe":
            guard let executable = process.executable else { return nil }
            let text = reader.mountNamespace.path(of: executable, from: reader.root)
            return link(name, text, parent: directory) { process.hasExited ? nil : .location(executable) }
        case "fd": return fdDirectory(process, parent: directory)
        case "ns": return namespaceDirectory(process, parent: directory)
        default: return nil
        }
    }

    private func fdDirectory(_ process: SimProcess, parent: Inode) -> Inode {
        directory("fd", parent: parent, names: { _ in process.files.descriptors.map(String.init) }) { [unowned self] reader, name, fdDirectory in
            guard let number = Int32(name), let entry = process.files.entry(FileDescriptor(number)) else { return nil }
            let file = entry.file
            let text = self.machine.describe(file, for: reader)
            let inode = self.link(name, text, parent: fdDirectory) {
                if let location = file.location, case .inode = file.object { return .location(location) }
                if case let .namespace(handle) = file.object { return .namespace(handle) }
                return .file(file)
            }
            inode.permissions = 0o700
            return inode
        }
    }

    private func namespaceDirectory(_ process: SimProcess, parent: Inode) -> Inode {
        let machine = self.machine
        return directory("ns", parent: parent, names: { _ in machine.namespaceHandles(of: process).map(\.0) }) { [unowned self] _, name, nsDirectory in
            guard let handle = machine.namespaceHandles(of: process).first(where: { $0.0 == name })?.1 else { return nil }
            return self.link(name, handle.linkText, parent: nsDirectory) { .namespace(handle) }
        }
    }

    static func nulSeparated(_ strings: [String]) -> [UInt8] {
        strings.flatMap { Array($0.utf8) + [0] }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

extension SimMachine {
    func makeProcFilesystem(source: String, namespace: PidNamespace) -> Filesystem {
        let filesystem = Filesystem(device: allocateDevice(), type: "proc", source: source, numbers: inodeNumbers)
        let procfs = ProcFS(machine: self, filesystem: filesystem, namespace: namespace)
        filesystem.root.permissions = 0o555
        filesystem.root.provider = DirectoryProvider(names: { procfs.rootNames($0) }, lookup: { procfs.rootEntry($0, $1) })
        return filesystem
    }

    /// What `/proc/PID/fd/N` reads as: a path from the reader's root, or `pipe:[N]`,
    /// `socket:[N]`, `mnt:[N]`.
    func describe(_ file: OpenFile, for reader: SimProcess) -> String {
        switch file.object {
        case let .pipe(pipe, _):
            if let location = file.location { return reader.mountNamespace.path(of: location, from: reader.root) }
            return "pipe:[\(pipe.inode.number)]"
        case let .socket(socket): return "socket:[\(socket.inode.number)]"
        case let .namespace(handle): return handle.linkText
        case let .terminal(terminal, side): return side == .master ? "/dev/ptmx" : "/dev/pts/\(terminal.number)"
        case .inode:
            guard let location = file.location else { return "anon_inode:[unknown]" }
            return reader.mountNamespace.path(of: location, from: reader.root)
        }
    }
}

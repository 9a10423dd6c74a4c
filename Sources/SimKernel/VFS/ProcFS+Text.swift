import KernelInterface

/// The text of `/proc/PID/stat`, `status`, `mounts` and `mountinfo`, in Linux's formats.
extension SimMachine {
    /// `pid (comm) S ppid pgrp session tty_nr tpgid flags …`: the 52 fields of proc_pid_stat,
    /// with the counters the simulator does not keep as 0.
    func statLine(_ process: SimProcess, namespace: PidNamespace) -> String {
        let pid = process.pid(in: namespace) ?? 0
        let ppid = process.parent?.pid(in: namespace) ?? 0
        let group = rootPidNamespace.members[process.processGroupID]?.pid(in: namespace) ?? 0
        let session = rootPidNamespace.members[process.sessionID]?.pid(in: namespace) ?? 0
        let state = process.isZombie ? "Z" : "S"
        let startTicks = process.startedAt / 10_000_000
        var fields: [String] = ["\(pid)", "(\(process.comm))", state, "\(ppid)", "\(group)", "\(session)"]
        fields += ["0", "-1", "4194560", "0", "0", "0", "0", "0", "0", "0", "0", "20", "0"]
        fields += ["\(max(1, process.threads.count))", "0", "\(startTicks)", "\(8 << 20)", "\(512)"]
        fields += ["18446744073709551615"] + Array(repeating: "0", count: 23)
        fields += ["0", "0", "0", "0"]
        return fields.prefix(52).joined(separator: " ") + "\n"
    }

    func statusText(_ process: SimProcess, namespace: PidNamespace) -> String {
        let credentials = process.credentials
        let pid = process.pid(in: namespace) ?? 0
        let ppid = process.parent?.pid(in: namespace) ?? 0
        let visiblePids = process.pids.reversed().drop { $0.namespace !== namespace }.map { String($0.pid) }
        func mask(_ set: Set<Capability>) -> String {
            let value = set.reduce(UInt64(0)) { $0 | (1 << UInt64($1.rawValue)) }
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        }
        let umask = String(credentials.umask, radix: 8)
        let lines = [
            "Name:\t\(process.comm)",
            "Umask:\t" + String(repeating: "0", count: max(0, 4 - umask.count)) + umask,
            "State:\t" + (process.isZombie ? "Z (zombie)" : "S (sleeping)"),
            "Tgid:\t\(pid)", "Ngid:\t0", "Pid:\t\(pid)", "PPid:\t\(ppid)", "TracerPid:\t0",
            "Uid:\t\(credentials.uid)\t\(credentials.uid)\t\(credentials.uid)\t\(credentials.uid)",
            "Gid:\t\(credentials.gid)\t\(credentials.gid)\t\(credentials.gid)\t\(credentials.gid)",
            "FDSize:\t64",
            "Groups:\t" + credentials.groups.map(String.init).joined(separator: " "),
            "NStgid:\t" + visiblePids.joined(separator: "\t"),
            "NSpid:\t" + visiblePids.joined(separator: "\t"),
            "Threads:\t\(max(1, process.threads.count))",
            "CapInh:\t" + mask(credentials.capabilities.inheritable),
            "CapPrm:\t" + mask(credentials.capabilities.permitted),
            "CapEff:\t" + mask(credentials.capabilities.effective),
            "CapBnd:\t" + mask(credentials.capabilities.bounding),
            "CapAmb:\t" + mask(credentials.capabilities.ambient),
            "NoNewPrivs:\t" + (credentials.noNewPrivileges ? "1" : "0"),
            "Seccomp:\t0",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The mounts of `process`'s namespace that are reachable from its root, with the path
    /// each sits at.
    func visibleMounts(of process: SimProcess) -> [(Mount, String)] {
        let namespace = process.mountNamespace
        return namespace.mounts.compactMap { mount in
            namespace.reachablePath(of: Location(mount: mount, inode: mount.root), from: process.root).map { (mount, $0) }
        }
    }

    static func optionText(_ mount: Mount) -> String {
        var options = [mount.isReadOnly ? "ro" : "rw"]
        if mount.flags.contains(.noSetuid) { options.append("nosuid") }
        if mount.flags.contains(.noDevices) { options.append("nodev") }
        if mount.flags.contains(.noExec) { options.append("noexec") }
        if mount.flags.contains(.strictAccessTime) { options.append("strictatime") } else { options.append("relatime") }
        return options.joined(separator: ",")
    }

    /// `/proc/PID/mounts` (the fstab format of /proc/mounts).
    func mountsText(of process: SimProcess) -> String {
        visibleMounts(of: process).map { mount, path in
            let fsOptions = mount.filesystem.options.isEmpty ? "" : "," + mount.filesystem.options
            return "\(mount.source.isEmpty ? "none" : mount.source) \(path) \(mount.filesystem.type) \(SimMachine.optionText(mount))\(fsOptions) 0 0\n"
        }.joined()
    }

    /// `/proc/PID/mountinfo`: id, parent id, major:minor, root within the filesystem, mount
    /// point, options, propagation, `-`, type, source, superblock options.
    func mountInfoText(of process: SimProcess) -> String {
        visibleMounts(of: process).map { mount, path in
            let parentID = mount.parent?.id ?? mount.id
            let fsRoot = Location(mount: Mount(id: 0, filesystem: mount.filesystem, root: mount.filesystem.root, source: ""), inode: mount.root)
            let rootPath = MountNamespace(id: 0, root: fsRoot.mount).path(of: fsRoot, from: Location(mount: fsRoot.mount, inode: mount.filesystem.root))
            let propagation = mount.propagation == "shared" ? "shared:\(mount.id)" : mount.propagation == "slave" ? "master:1" : ""
            let superOptions = (mount.isReadOnly ? "ro" : "rw") + (mount.filesystem.options.isEmpty ? "" : "," + mount.filesystem.options)
            let fields = ["\(mount.id)", "\(parentID)", "0:\(mount.filesystem.device)", rootPath, path, SimMachine.optionText(mount)]
                + (propagation.isEmpty ? [] : [propagation])
                + ["-", mount.filesystem.type, mount.source.isEmpty ? "none" : mount.source, superOptions]
            return fields.joined(separator: " ") + "\n"
        }.joined()
    }
}

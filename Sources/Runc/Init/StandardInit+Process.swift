import KernelInterface
import OCI

extension StandardInit {
    /// nsexec's setns for config.json namespaces that carry a `path`: the init joins them
    /// (the new ones it was cloned into already).
    func joinNamespaces() throws {
        for namespace in spec.linux?.namespaces ?? [] {
            guard let path = namespace.path, let flag = Namespaces(ociName: namespace.type.rawValue) else { continue }
            try stage(operation: "setns \(path)") {
                let fd = try kernel.open(path, [.readOnly, .closeOnExec], mode: 0)
                defer { try? kernel.close(fd) }
                try kernel.setns(fd, flag)
            }
        }
    }

    /// nsexec.c `update_oom_score_adj`: config.json's `oomScoreAdj` written to
    /// /proc/self/oom_score_adj before any privilege is dropped (lowering it needs
    /// CAP_SYS_RESOURCE); the container's process inherits it across execve. A kernel without
    /// the file (the simulator's) has no OOM killer to steer.
    func setOomScoreAdj() throws {
        guard let score = process.oomScoreAdj else { return }
        try stage(operation: "write /proc/self/oom_score_adj (\(score))") {
            let fd: FileDescriptor
            do {
                fd = try kernel.open("/proc/self/oom_score_adj", [.writeOnly, .closeOnExec], mode: 0)
            } catch Errno.ENOENT {
                return
            }
            defer { try? kernel.close(fd) }
            try kernel.writeAll(fd, String(score))
        }
    }

    /// standard_init_linux.go: the hostname is set only in a private UTS namespace (the
    /// validator refused config.json otherwise).
    func setHostname() throws {
        guard let hostname = spec.hostname, !hostname.isEmpty else { return }
        try stage { try kernel.sethostname(hostname) }
    }

    func setNoNewPrivileges() throws {
        guard process.noNewPrivileges == true else { return }
        try stage { try kernel.setNoNewPrivileges() }
    }

    /// capabilities.go `ApplyBoundingSet`, before the user changes: the other sets are kept so
    /// setgid/setuid still have CAP_SETGID/CAP_SETUID.
    func dropBoundingCapabilities() throws {
        guard let capabilities = process.capabilities else { return }
        try stage {
            var sets = try kernel.capget()
            sets.bounding = StandardInit.capabilitySet(capabilities.bounding)
            try kernel.capset(sets)
        }
    }

    /// init_linux.go `setupUser`: supplementary groups, gid, uid, the umask (0022 unless
    /// config.json says), and HOME from the container's /etc/passwd when the environment has
    /// none. Returns the process's environment.
    func setupUser() throws -> [String] {
        try stage {
            let user = process.user
            try kernel.setgroups(user.additionalGids ?? [])
            try kernel.setgid(user.gid)
            try kernel.setuid(user.uid)
            _ = kernel.umask(user.umask ?? 0o022)
            var environment = process.env ?? []
            if !environment.contains(where: { $0.hasPrefix("HOME=") }) {
                environment.append("HOME=" + homeDirectory(uid: user.uid))
            }
            return environment
        }
    }

    /// libcontainer/user's lookup: the sixth field of the uid's line in /etc/passwd, else "/".
    private func homeDirectory(uid: UInt32) -> String {
        guard let passwd = try? kernel.readTextFile("/etc/passwd") else { return "/" }
        for line in passwd.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            if fields.count >= 6, fields[2] == Substring(String(uid)) { return String(fields[5]) }
        }
        return "/"
    }

    /// capabilities.go `ApplyCaps`: the five sets of config.json, by name; names this kernel
    /// does not know are skipped, as runc warns and skips them.
    func applyCapabilities() throws {
        guard let capabilities = process.capabilities else { return }
        let permitted = StandardInit.capabilitySet(capabilities.permitted)
        let inheritable = StandardInit.capabilitySet(capabilities.inheritable)
        // The kernel raises an ambient capability only when it is both permitted and
        // inheritable (EPERM otherwise), and runc goes on without it: gocapability's Apply
        // ignores every PR_CAP_AMBIENT_RAISE error. `runc spec`'s own config asks for ambient
        // capabilities with no inheritable set, and runs.
        let ambient = StandardInit.capabilitySet(capabilities.ambient).intersection(permitted).intersection(inheritable)
        try stage {
            try kernel.capset(CapabilitySets(
                bounding: StandardInit.capabilitySet(capabilities.bounding),
                effective: StandardInit.capabilitySet(capabilities.effective),
                permitted: permitted,
                inheritable: inheritable,
                ambient: ambient
            ))
        }
    }

    static func capabilitySet(_ names: [String]?) -> Set<Capability> {
        Set((names ?? []).compactMap(Capability.init(name:)))
    }

    func setRlimits() throws {
        for rlimit in process.rlimits ?? [] {
            try stage(operation: "setrlimit \(rlimit.type)") {
                try kernel.setrlimit(ResourceLimit(resource: rlimit.type, soft: rlimit.soft, hard: rlimit.hard))
            }
        }
    }

    /// init_linux.go `finalizeNamespace`: chdir after the user change, so the new user's
    /// permissions apply.
    func changeDirectory() throws {
        try stage(operation: "chdir to cwd (\"\(process.cwd)\") set in config.json failed") {
            try kernel.chdir(process.cwd)
        }
    }
}

import KernelInterface

/// Credentials: ids, groups, the five capability sets, no_new_privs, rlimits, umask.
extension SimKernel {
    /// getuid(2): the process's uid (real, effective and saved are kept equal).
    public func getuid() -> UInt32 { query { _ in process.credentials.uid } }
    /// getgid(2).
    public func getgid() -> UInt32 { query { _ in process.credentials.gid } }

    /// setresuid(2) with one id: CAP_SETUID, or the id the process already has. Leaving uid 0
    /// clears the effective set; the permitted set is kept, as with PR_SET_KEEPCAPS, which runc
    /// sets around this call so it can apply the container's capabilities afterwards.
    public func setuid(_ uid: UInt32) throws {
        try call { _ in
            guard process.credentials.has(.setuid) || uid == process.credentials.uid else { throw Errno.EPERM }
            if process.credentials.uid == 0, uid != 0 {
                process.credentials.capabilities.effective = []
                process.credentials.capabilities.ambient = []
            }
            process.credentials.uid = uid
        }
    }

    /// setresgid(2) with one id: CAP_SETGID, or the id the process already has.
    public func setgid(_ gid: UInt32) throws {
        try call { _ in
            guard process.credentials.has(.setgid) || gid == process.credentials.gid else { throw Errno.EPERM }
            process.credentials.gid = gid
        }
    }

    /// setgroups(2): CAP_SETGID.
    public func setgroups(_ gids: [UInt32]) throws {
        try call { _ in
            try requireCapability(.setgid)
            process.credentials.groups = gids
        }
    }

    /// capget(2) with the bounding and ambient sets as prctl(2) reads them.
    public func capget() throws -> CapabilitySets {
        try call { _ in process.credentials.capabilities }
    }

    /// capset(2) and the prctl(2) calls for the bounding and ambient sets: sets can only shrink
    /// (EPERM to raise permitted, or to add to the bounding set), effective and ambient must lie
    /// within permitted (ambient also within inheritable), inheritable within the old
    /// inheritable plus the bounding set.
    public func capset(_ sets: CapabilitySets) throws {
        try call { _ in
            let old = process.credentials.capabilities
            guard sets.permitted.isSubset(of: old.permitted),
                  sets.effective.isSubset(of: sets.permitted),
                  sets.bounding.isSubset(of: old.bounding),
                  sets.inheritable.isSubset(of: old.inheritable.union(old.permitted.intersection(old.bounding))),
                  sets.ambient.isSubset(of: sets.permitted.intersection(sets.inheritable))
            else { throw Errno.EPERM }
            if sets.bounding != old.bounding, !old.effective.contains(Capability(rawValue: 8)) { throw Errno.EPERM }
            process.credentials.capabilities = sets
        }
    }

    /// prctl(2) `PR_SET_NO_NEW_PRIVS`: recorded and shown in /proc/PID/status (the simulator has
    /// no setuid binaries for it to disarm).
    public func setNoNewPrivileges() throws {
        try call { _ in process.credentials.noNewPrivileges = true }
    }

    /// setrlimit(2): stored; RLIMIT_NOFILE bounds the descriptor table. Raising a hard limit
    /// needs CAP_SYS_RESOURCE.
    public func setrlimit(_ limit: ResourceLimit) throws {
        try call { _ in
            guard ResourceLimit.resources[limit.resource] != nil, limit.soft <= limit.hard else { throw Errno.EINVAL }
            if let old = process.credentials.limits[limit.resource], limit.hard > old.hard,
               !process.credentials.has(Capability(rawValue: 24)) { throw Errno.EPERM }
            process.credentials.limits[limit.resource] = limit
            if limit.resource == "RLIMIT_NOFILE" { process.files.limit = Int32(clamping: limit.soft) }
        }
    }

    /// umask(2): masks the mode of files, directories, FIFOs and sockets created afterwards.
    public func umask(_ mask: UInt32) -> UInt32 {
        query { _ in
            let old = process.credentials.umask
            process.credentials.umask = mask & 0o777
            return old
        }
    }
}

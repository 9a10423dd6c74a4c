import CLinux
import Glibc
import KernelInterface

/// User and group ids, resource limits and the file creation mask.
extension LinuxKernel {
    /// The corresponding C function is `getuid(2)`.
    public func getuid() -> UInt32 { Glibc.getuid() }

    /// The corresponding C function is `getgid(2)`.
    public func getgid() -> UInt32 { Glibc.getgid() }

    /// The corresponding C function is `setresuid(2)` with all three ids equal. glibc applies
    /// it to every thread of the process, as POSIX requires.
    public func setuid(_ uid: UInt32) throws {
        _ = try once("setresuid") { gb_setresuid(uid, uid, uid) }
    }

    /// The corresponding C function is `setresgid(2)` with all three ids equal.
    public func setgid(_ gid: UInt32) throws {
        _ = try once("setresgid") { gb_setresgid(gid, gid, gid) }
    }

    /// The corresponding C function is `setgroups(2)`.
    public func setgroups(_ gids: [UInt32]) throws {
        _ = try gids.withUnsafeBufferPointer { groups in
            try once("setgroups") { Glibc.setgroups(groups.count, groups.baseAddress) }
        }
    }

    /// The corresponding C function is `prctl(2)` with `PR_SET_NO_NEW_PRIVS`.
    public func setNoNewPrivileges() throws {
        _ = try once("prctl(PR_SET_NO_NEW_PRIVS)") { gb_prctl(Int32(GB_PR_SET_NO_NEW_PRIVS), 1, 0, 0, 0) }
    }

    /// The corresponding C function is `setrlimit(2)`. A name Linux does not have is `EINVAL`,
    /// as runc rejects an unknown `process.rlimits[].type`.
    public func setrlimit(_ limit: ResourceLimit) throws {
        guard let resource = ResourceLimit.resources[limit.resource] else { throw Errno.EINVAL }
        var value = rlimit(rlim_cur: rlim_t(limit.soft), rlim_max: rlim_t(limit.hard))
        _ = try once("setrlimit") { Glibc.setrlimit(__rlimit_resource_t(resource), &value) }
    }

    /// The corresponding C function is `umask(2)`.
    public func umask(_ mask: UInt32) -> UInt32 {
        UInt32(Glibc.umask(mode_t(mask)))
    }
}

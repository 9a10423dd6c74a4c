/// The values moby's `oci.DefaultSpec()` / `DefaultLinuxSpec()` start every container's spec
/// from (moby 20.10, oci/defaults.go), so that dockerd here builds the spec Docker builds.
/// dockerd then adds the container's own mounts, `/dev/shm`'s size, hostname and cgroup path.
extension Spec {
    /// `oci.DefaultCapabilities()`: the 14 capabilities a default container keeps.
    public static let defaultCapabilities: [String] = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
        "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ]

    /// `DefaultLinuxSpec().Mounts`: /proc, /dev, /dev/pts, /sys, /sys/fs/cgroup, /dev/mqueue,
    /// /dev/shm, in that order.
    public static let defaultMounts: [Mount] = [
        Mount(destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "noexec", "nodev"]),
        Mount(destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k"]),
        Mount(
            destination: "/dev/pts", type: "devpts", source: "devpts",
            options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]
        ),
        Mount(destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"]),
        Mount(destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: ["ro", "nosuid", "noexec", "nodev"]),
        Mount(destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"]),
        Mount(destination: "/dev/shm", type: "tmpfs", source: "shm", options: ["nosuid", "noexec", "nodev", "mode=1777"]),
    ]

    /// `DefaultLinuxSpec().Linux.MaskedPaths`: runc bind-mounts /dev/null (or an empty
    /// read-only tmpfs for directories) over each.
    public static let defaultMaskedPaths: [String] = [
        "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
    ]

    /// `DefaultLinuxSpec().Linux.ReadonlyPaths`: runc remounts each read-only.
    public static let defaultReadonlyPaths: [String] = [
        "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
    ]

    /// `DefaultLinuxSpec().Linux.Namespaces`, in moby's order.
    public static let defaultNamespaces: [LinuxNamespace] = [
        LinuxNamespace(type: .mount), LinuxNamespace(type: .network), LinuxNamespace(type: .uts),
        LinuxNamespace(type: .pid), LinuxNamespace(type: .ipc),
    ]

    /// `DefaultLinuxSpec().Linux.Resources.Devices`: deny everything, then allow null, zero,
    /// full-random, tty and console, and deny /dev/fuse (10:229) explicitly.
    public static let defaultDeviceCgroupRules: [LinuxDeviceCgroup] = [
        LinuxDeviceCgroup(allow: false, access: "rwm"),
        LinuxDeviceCgroup(allow: true, type: "c", major: 1, minor: 5, access: "rwm"),
        LinuxDeviceCgroup(allow: true, type: "c", major: 1, minor: 3, access: "rwm"),
        LinuxDeviceCgroup(allow: true, type: "c", major: 1, minor: 9, access: "rwm"),
        LinuxDeviceCgroup(allow: true, type: "c", major: 1, minor: 8, access: "rwm"),
        LinuxDeviceCgroup(allow: true, type: "c", major: 5, minor: 0, access: "rwm"),
        LinuxDeviceCgroup(allow: true, type: "c", major: 5, minor: 1, access: "rwm"),
        LinuxDeviceCgroup(allow: false, type: "c", major: 10, minor: 229, access: "rwm"),
    ]

    /// moby's `system.DefaultPathEnv("linux")`, the `PATH` a container gets when its image sets
    /// none.
    public static let defaultPathEnv = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
}

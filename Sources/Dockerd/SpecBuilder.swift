import KernelInterface
import OCI
import Wire

/// The OCI runtime spec dockerd writes for a container (moby daemon/oci_linux.go on top of
/// oci.DefaultSpec()), shaped like reference/oci-config-from-dockerd.json: the process from
/// the merged config, the overlay's merged dir as root, Docker's default mounts plus the
/// container's hostname, hosts and resolv.conf, new mount/network/uts/pid/ipc namespaces, the
/// cgroup `/docker/<id>` with the requested limits, and the masked and read-only paths.
///
/// No seccomp profile is asked for yet: glassbox-runc refuses one it cannot apply rather than
/// run unconfined, so dockerd leaves it out until that piece lands.
struct SpecBuilder {
    let daemon: Daemon

    struct InvalidUser: Error, CustomStringConvertible {
        let user: String
        var description: String { "unable to find user \(user): no matching entries in passwd file" }
    }

    func spec(for container: Container, rootfs: String) throws -> Spec {
        let config = container.config
        let args = (config.Entrypoint ?? []) + (config.Cmd ?? [])
        guard !args.isEmpty else {
            throw DaemonError(.invalidParameter, "No command specified")
        }
        let hostname = config.Hostname.flatMap { $0.isEmpty ? nil : $0 } ?? container.shortID
        var env = config.Env ?? [Spec.defaultPathEnv]
        if !env.contains(where: { $0.hasPrefix("PATH=") }) { env.insert(Spec.defaultPathEnv, at: 0) }
        env.insert("HOSTNAME=\(hostname)", at: 1 <= env.count ? 1 : 0)
        let (uid, gid) = try user(config.User ?? "")
        let capabilities = Spec.defaultCapabilities
        let process = Spec.Process(
            terminal: config.Tty ?? false, user: Spec.User(uid: uid, gid: gid, additionalGids: [gid]), args: args,
            env: env, cwd: (config.WorkingDir ?? "").isEmpty ? "/" : config.WorkingDir ?? "/",
            capabilities: Spec.LinuxCapabilities(bounding: capabilities, effective: capabilities, permitted: capabilities),
            oomScoreAdj: container.hostConfig.OomScoreAdj ?? 0
        )
        let directory = daemon.containerDirectory(container.id)
        var mounts = Spec.defaultMounts
        // The container's own /dev/shm is sized by HostConfig.ShmSize (64 MiB unless asked), as
        // daemon/oci_linux.go writes it: "size=67108864".
        let shmSize = container.hostConfig.ShmSize.flatMap { $0 > 0 ? $0 : nil } ?? 67_108_864
        if let shm = mounts.firstIndex(where: { $0.destination == "/dev/shm" }) {
            mounts[shm].options = (mounts[shm].options ?? []) + ["size=\(shmSize)"]
        }
        for file in ["resolv.conf", "hostname", "hosts"] {
            mounts.append(Spec.Mount(destination: "/etc/" + file, type: "bind", source: directory + "/" + file, options: ["rbind", "rprivate"]))
        }
        return Spec(
            process: process, root: Spec.Root(path: rootfs), hostname: hostname, mounts: mounts,
            linux: Spec.Linux(
                resources: resources(container.hostConfig), cgroupsPath: "/docker/" + container.id,
                namespaces: Spec.defaultNamespaces, maskedPaths: Spec.defaultMaskedPaths,
                readonlyPaths: Spec.defaultReadonlyPaths
            )
        )
    }

    /// `--memory`, `--pids-limit`, `--cpus` and `--cpu-shares` as cgroup limits.
    func resources(_ host: HostConfig) -> Spec.LinuxResources {
        var resources = Spec.LinuxResources(devices: Spec.defaultDeviceCgroupRules)
        if let memory = host.Memory, memory > 0 { resources.memory = Spec.LinuxMemory(limit: memory) }
        if let pids = host.PidsLimit, pids > 0 { resources.pids = Spec.LinuxPids(limit: pids) }
        var cpu = Spec.LinuxCPU()
        if let shares = host.CpuShares, shares > 0 { cpu.shares = UInt64(shares) }
        if let nano = host.NanoCpus, nano > 0 {
            cpu.period = 100_000
            cpu.quota = nano * 100_000 / 1_000_000_000
        }
        if cpu != Spec.LinuxCPU() { resources.cpu = cpu }
        return resources
    }

    /// `uid[:gid]` numbers; names are looked up in the image's /etc/passwd by runc in Docker,
    /// here only numeric ids and root are accepted so far.
    func user(_ text: String) throws -> (UInt32, UInt32) {
        if text.isEmpty || text == "root" { return (0, 0) }
        let parts = text.split(separator: ":", maxSplits: 1)
        guard let uid = UInt32(parts[0]) else { throw DaemonError(.invalidParameter, InvalidUser(user: text).description) }
        let gid = parts.count > 1 ? UInt32(parts[1]) : uid
        guard let gid else { throw DaemonError(.invalidParameter, InvalidUser(user: text).description) }
        return (uid, gid)
    }
}

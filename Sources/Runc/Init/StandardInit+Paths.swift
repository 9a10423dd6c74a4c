import KernelInterface
import OCI

extension StandardInit {
    static let sysctlDirectory = "/proc/sys"

    /// standard_init_linux.go `writeSystemProperty` for each of config.json's `linux.sysctl`,
    /// after pivot_root (so the container's /proc, of its own network and IPC namespaces)
    /// and before /proc/sys is made read-only: `net.ipv4.ip_forward` is the file
    /// /proc/sys/net/ipv4/ip_forward. Skipped on a kernel without /proc/sys, as `runc create`
    /// has logged.
    func writeSysctls() throws {
        guard let sysctls = spec.linux?.sysctl, !sysctls.isEmpty, kernel.exists(StandardInit.sysctlDirectory) else { return }
        for (key, value) in sysctls.sorted(by: { $0.key < $1.key }) {
            let path = joinPath(StandardInit.sysctlDirectory, String(key.map { $0 == "." ? "/" : $0 }))
            try stage(operation: "write sysctl \(key) = \(value)") {
                let fd = try kernel.open(path, [.writeOnly, .truncate, .closeOnExec], mode: 0)
                defer { try? kernel.close(fd) }
                try kernel.writeAll(fd, value)
            }
        }
    }

    /// rootfs_linux.go `maskPath`, after pivot_root: /dev/null is bound over a masked file, an
    /// empty read-only tmpfs over a masked directory; a path that does not exist is skipped.
    func maskPaths() throws {
        for path in spec.linux?.maskedPaths ?? [] {
            try stage(operation: "mask \(path)") {
                let status: FileStatus
                do { status = try kernel.stat(path) } catch Errno.ENOENT { return }
                if status.kind == .directory {
                    try kernel.mount(source: "tmpfs", target: path, fstype: "tmpfs", flags: .readOnly, data: "")
                } else {
                    try kernel.mount(source: "/dev/null", target: path, fstype: "", flags: .bind, data: "")
                }
            }
        }
    }

    /// rootfs_linux.go `readonlyPath`: bind the path onto itself, then remount that bind
    /// read-only, keeping the nosuid, nodev and noexec statfs reports of it; a path that does
    /// not exist is skipped.
    /// Run before `maskPaths`, in runc's order.
    func readonlyPaths() throws {
        for path in spec.linux?.readonlyPaths ?? [] {
            try stage(operation: "make \(path) read-only") {
                do {
                    try kernel.mount(source: path, target: path, fstype: "", flags: [.bind, .recursive], data: "")
                } catch Errno.ENOENT {
                    return
                }
                let kept = try kernel.statfs(path).flags.intersection([.noSetuid, .noDevices, .noExec])
                try kernel.mount(source: path, target: path, fstype: "",
                                 flags: kept.union([.bind, .remount, .readOnly, .recursive]), data: "")
            }
        }
    }
}

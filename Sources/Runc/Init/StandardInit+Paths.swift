import KernelInterface
import OCI

extension StandardInit {
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
    /// read-only; a path that does not exist is skipped.
    func readonlyPaths() throws {
        for path in spec.linux?.readonlyPaths ?? [] {
            try stage(operation: "make \(path) read-only") {
                do {
                    try kernel.mount(source: path, target: path, fstype: "", flags: [.bind, .recursive], data: "")
                } catch Errno.ENOENT {
                    return
                }
                try kernel.mount(source: path, target: path, fstype: "",
                                 flags: [.bind, .remount, .readOnly, .recursive], data: "")
            }
        }
    }
}

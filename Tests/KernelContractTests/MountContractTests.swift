import KernelInterface
import Testing

@Suite("Kernel contract: mounts")
struct MountContractTests {
    @Test("a bind mount shows the source tree, keeps its mount point busy, and unmounts", arguments: contractBackends)
    func bindMount(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.mkdirAll("/tmp/source/inner")
            try kernel.writeFile("/tmp/source/inner/file", "bound")
            try kernel.mkdir("/tmp/target", mode: 0o755)
            try kernel.mount(source: "/tmp/source", target: "/tmp/target", fstype: "", flags: [.bind, .recursive], data: "")
            try check(try kernel.readTextFile("/tmp/target/inner/file") == "bound", "seen through the bind")
            try check(try kernel.readTextFile("/proc/self/mounts").contains(" /tmp/target "), "listed in mounts")
            try checkErrno(.EBUSY) { try kernel.rmdir("/tmp/target") }
            try kernel.umount("/tmp/target", flags: [])
            try check(try kernel.readdir("/tmp/target").count == 2, "empty again")
            try checkErrno(.EINVAL) { try kernel.umount("/tmp/target", flags: []) }
            try kernel.removeAll("/tmp/source")
            try kernel.rmdir("/tmp/target")
        }
    }

    @Test("a read-only bind remount refuses writes with EROFS", arguments: contractBackends)
    func readOnlyRemount(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.mkdirAll("/tmp/rw")
            try kernel.mkdirAll("/tmp/ro")
            try kernel.writeFile("/tmp/rw/file", "x")
            try kernel.mount(source: "/tmp/rw", target: "/tmp/ro", fstype: "", flags: .bind, data: "")
            try kernel.mount(source: "", target: "/tmp/ro", fstype: "", flags: [.remount, .bind, .readOnly], data: "")
            try checkErrno(.EROFS) { try kernel.open("/tmp/ro/file", .writeOnly, mode: 0) }
            try checkErrno(.EROFS) { try kernel.mkdir("/tmp/ro/dir", mode: 0o755) }
            try check(try kernel.readTextFile("/tmp/ro/file") == "x", "still readable")
            try kernel.writeFile("/tmp/rw/file", "y")
            try check(try kernel.readTextFile("/tmp/ro/file") == "y", "same files")
            try check(try kernel.readTextFile("/proc/self/mountinfo").contains("/tmp/ro ro"), "mountinfo shows ro")
            try check(try kernel.statfs("/tmp/ro/file").flags.contains(.readOnly), "statfs reports the bind's ST_RDONLY")
            try check(!(try kernel.statfs("/tmp/rw/file").flags.contains(.readOnly)), "and not the source's")
            try check(try kernel.statfs("/proc/self").type == FileSystemStatus.magic(of: "proc"), "statfs names procfs by its magic")
            try checkErrno(.ENOENT) { try kernel.statfs("/tmp/ro/missing") }
            try kernel.umount("/tmp/ro", flags: .detach)
            try kernel.removeAll("/tmp/rw")
            try kernel.rmdir("/tmp/ro")
        }
    }

    @Test("a procfs directory bound onto itself can be remounted read-only, as runc's readonly paths are", arguments: contractBackends)
    func readOnlyProcPath(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let (output, status) = try kernel.runHelper(backend, "readonly-proc-sys", namespaces: .mount)
            try check(status == .exited(0) && output == "EROFS", "inside: \(status) \(output)")
        }
    }

    @Test("overlay merges layers, copies up on write and whites out deletions", arguments: contractBackends)
    func overlay(backend: any KernelBackend) throws {
        try backend.run { kernel in
            for directory in ["/tmp/ov/lower1/etc", "/tmp/ov/lower2/etc", "/tmp/ov/upper", "/tmp/ov/work", "/tmp/ov/merged"] {
                try kernel.mkdirAll(directory)
            }
            try kernel.writeFile("/tmp/ov/lower1/etc/hostname", "lower1")
            try kernel.writeFile("/tmp/ov/lower2/etc/hostname", "lower2")
            try kernel.writeFile("/tmp/ov/lower2/etc/passwd", "root:x:0:0")
            try kernel.writeFile("/tmp/ov/lower2/gone", "delete me")
            try kernel.mount(source: "overlay", target: "/tmp/ov/merged", fstype: "overlay", flags: [],
                             data: "lowerdir=/tmp/ov/lower1:/tmp/ov/lower2,upperdir=/tmp/ov/upper,workdir=/tmp/ov/work")
            try check(try kernel.readTextFile("/tmp/ov/merged/etc/hostname") == "lower1", "first lower wins")
            let names = try kernel.readdir("/tmp/ov/merged/etc").map(\.name).sorted()
            try check(names == [".", "..", "hostname", "passwd"], "merged readdir \(names)")
            try kernel.writeFile("/tmp/ov/merged/etc/hostname", "container")
            try check(try kernel.readTextFile("/tmp/ov/merged/etc/hostname") == "container", "written")
            try check(try kernel.readTextFile("/tmp/ov/upper/etc/hostname") == "container", "copied up")
            try check(try kernel.readTextFile("/tmp/ov/lower1/etc/hostname") == "lower1", "lower untouched")
            try kernel.unlink("/tmp/ov/merged/gone")
            try check(!kernel.exists("/tmp/ov/merged/gone"), "deleted in the merged view")
            let whiteout = try kernel.lstat("/tmp/ov/upper/gone")
            try check(whiteout.kind == .characterDevice && whiteout.deviceNumber.major == 0 && whiteout.deviceNumber.minor == 0, "whiteout")
            try check(kernel.exists("/tmp/ov/lower2/gone"), "lower keeps it")
            try kernel.writeFile("/tmp/ov/merged/new", "fresh")
            try check(try kernel.readTextFile("/tmp/ov/upper/new") == "fresh", "new file lands in upper")
            try kernel.umount("/tmp/ov/merged", flags: [])
            try kernel.removeAll("/tmp/ov")
        }
    }

    @Test("extended attributes: set, read back, ENODATA when absent; trusted.overlay.opaque hides the lower directory",
          arguments: contractBackends)
    func opaqueDirectory(backend: any KernelBackend) throws {
        try backend.run { kernel in
            for directory in ["/tmp/ox/lower/etc", "/tmp/ox/upper/etc", "/tmp/ox/work", "/tmp/ox/merged"] {
                try kernel.mkdirAll(directory)
            }
            try kernel.writeFile("/tmp/ox/lower/etc/old", "from below")
            try kernel.writeFile("/tmp/ox/upper/etc/new", "from above")
            try checkErrno(.ENODATA) { try kernel.getxattr("/tmp/ox/upper/etc", "trusted.overlay.opaque") }
            try kernel.setxattr("/tmp/ox/upper/etc", "trusted.overlay.opaque", Array("y".utf8))
            try check(try kernel.getxattr("/tmp/ox/upper/etc", "trusted.overlay.opaque") == Array("y".utf8), "read back")
            try kernel.setxattr("/tmp/ox/upper/etc/new", "user.note", Array("twelve bytes".utf8))
            try check(try kernel.getxattr("/tmp/ox/upper/etc/new", "user.note") == Array("twelve bytes".utf8), "a user attribute")
            try checkErrno(.EOPNOTSUPP) { try kernel.setxattr("/tmp/ox/upper/etc", "nonsense.x", [1]) }
            try kernel.mount(source: "overlay", target: "/tmp/ox/merged", fstype: "overlay", flags: [],
                             data: "lowerdir=/tmp/ox/lower,upperdir=/tmp/ox/upper,workdir=/tmp/ox/work")
            let names = try kernel.readdir("/tmp/ox/merged/etc").map(\.name).sorted()
            try check(names == [".", "..", "new"], "an opaque directory shows nothing of the lower one: \(names)")
            try check(!kernel.exists("/tmp/ox/merged/etc/old"), "the lower file is hidden")
            try kernel.umount("/tmp/ox/merged", flags: [])
            try kernel.removeAll("/tmp/ox")
        }
    }

    @Test("pivot_root makes a new root and the old one can be detached", arguments: contractBackends)
    func pivotRoot(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let (output, status) = try kernel.runHelper(backend, "pivot-child", namespaces: .mount)
            try check(status == .exited(0), "pivot child: \(status)")
            try check(output == "[\"marker\"] inside /", "after pivot: \(output)")
            try check(kernel.exists(backend.helperPath("pivot-child")), "the parent's root is unchanged")
            // A new root on the current root's own filesystem is EBUSY; elsewhere, a directory
            // that is not a mount point is EINVAL (fs/namespace.c checks in that order).
            try kernel.mkdirAll("/tmp/not-a-mount/old")
            try checkErrno(.EBUSY) { try kernel.pivotRoot("/tmp/not-a-mount", "/tmp/not-a-mount/old") }
            try kernel.removeAll("/tmp/not-a-mount")
            try kernel.mkdirAll("/dev/not-a-mount/old")
            try checkErrno(.EINVAL) { try kernel.pivotRoot("/dev/not-a-mount", "/dev/not-a-mount/old") }
            try kernel.removeAll("/dev/not-a-mount")
            try kernel.removeAll("/tmp/newroot")
        }
    }
}

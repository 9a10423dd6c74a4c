import KernelInterface
import OCI

extension StandardInit {
    /// The device nodes every container gets (runc's `specconv.AllowedDevices` that have a
    /// path): null, zero, full, tty, random, urandom.
    static let defaultDevices: [Spec.LinuxDevice] = [
        Spec.LinuxDevice(path: "/dev/null", type: "c", major: 1, minor: 3, fileMode: 0o666, uid: 0, gid: 0),
        Spec.LinuxDevice(path: "/dev/zero", type: "c", major: 1, minor: 5, fileMode: 0o666, uid: 0, gid: 0),
        Spec.LinuxDevice(path: "/dev/full", type: "c", major: 1, minor: 7, fileMode: 0o666, uid: 0, gid: 0),
        Spec.LinuxDevice(path: "/dev/tty", type: "c", major: 5, minor: 0, fileMode: 0o666, uid: 0, gid: 0),
        Spec.LinuxDevice(path: "/dev/urandom", type: "c", major: 1, minor: 9, fileMode: 0o666, uid: 0, gid: 0),
        Spec.LinuxDevice(path: "/dev/random", type: "c", major: 1, minor: 8, fileMode: 0o666, uid: 0, gid: 0),
    ]

    /// rootfs_linux.go `createDevices`, `setupDevSymlinks` and `setupPtmx`: when /dev is a
    /// fresh tmpfs (not a bind of the host's), fill it with the default and the configured
    /// device nodes, the /proc/self/fd links and /dev/ptmx → pts/ptmx.
    func createDevices() throws {
        let devIsTmpfs = (spec.mounts ?? []).contains { $0.destination == "/dev" && $0.type == "tmpfs" }
        guard devIsTmpfs else { return }
        try stage {
            var devices = StandardInit.defaultDevices
            for device in spec.linux?.devices ?? [] where !devices.contains(where: { $0.path == device.path }) {
                devices.append(device)
            }
            for device in devices { try createDeviceNode(device) }
            let links = [("/proc/self/fd", "/dev/fd"), ("/proc/self/fd/0", "/dev/stdin"),
                         ("/proc/self/fd/1", "/dev/stdout"), ("/proc/self/fd/2", "/dev/stderr")]
            for (target, link) in links {
                do { try kernel.symlink(target, try pathInRootfs(link)) } catch Errno.EEXIST {}
            }
            let ptmx = try pathInRootfs("/dev/ptmx")
            do { try kernel.unlink(ptmx) } catch Errno.ENOENT {}
            try kernel.symlink("pts/ptmx", ptmx)
        }
    }

    /// rootfs_linux.go `createDeviceNode`: mknod(2) with the configured mode and owner; where
    /// mknod is not allowed (EPERM: no CAP_MKNOD, or a user namespace), the host's node of the
    /// same path is bound onto an empty file instead (`bindMountDeviceNode`).
    private func createDeviceNode(_ device: Spec.LinuxDevice) throws {
        let path = try pathInRootfs(device.path)
        let kind: FileKind
        switch device.type {
        case "c", "u": kind = .characterDevice
        case "b": kind = .blockDevice
        case "p": kind = .fifo
        default:
            throw RuncError(.invalidArgument, "\(device.path) is not a valid device type: \(device.type)", stage: "runc create/create_devices")
        }
        try kernel.mkdirAll(parentDirectory(path))
        do { try kernel.unlink(path) } catch Errno.ENOENT {}
        do {
            try kernel.mknod(path, kind: kind, mode: device.fileMode ?? 0o666, major: UInt32(device.major), minor: UInt32(device.minor))
        } catch Errno.EPERM {
            try kernel.close(try kernel.open(path, [.writeOnly, .create, .closeOnExec], mode: 0o644))
            try kernel.mount(source: device.path, target: path, fstype: "bind", flags: .bind, data: "")
            return
        }
        try kernel.chmod(path, mode: device.fileMode ?? 0o666)
        try kernel.lchown(path, uid: device.uid ?? 0, gid: device.gid ?? 0)
    }
}

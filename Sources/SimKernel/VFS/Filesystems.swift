import KernelInterface

/// New filesystem instances for mount(2): tmpfs and the other in-memory types, procfs for the
/// mounter's pid namespace, the one cgroup2 hierarchy, and overlay.
extension SimMachine {
    /// A new superblock for mount(2)'s `fstype`; ENODEV for an unknown type.
    func makeFilesystem(fstype: String, source: String, data: String, process: SimProcess) throws -> (Filesystem, Inode) {
        switch fstype {
        case "tmpfs", "mqueue", "devpts", "sysfs":
            let options = fstype == "tmpfs" ? try SimMachine.tmpfsOptions(data) : data
            let filesystem = Filesystem(device: allocateDevice(), type: fstype, source: source, numbers: inodeNumbers, options: options)
            let root = filesystem.root
            root.modified = clock.now
            if fstype == "tmpfs" {
                root.permissions = 0o1777
                if let mode = SimMachine.option("mode", in: data), let bits = UInt32(mode, radix: 8) { root.permissions = bits }
            }
            if fstype == "sysfs" { populateSysfs(filesystem) }
            if fstype == "devpts" {
                let ptmx = filesystem.makeInode(.characterDevice, permissions: 0o666)
                ptmx.deviceNumber = (5, 2)
                root.entries["ptmx"] = ptmx
            }
            return (filesystem, root)
        case "proc":
            let filesystem = makeProcFilesystem(source: source, namespace: process.pidNamespace)
            return (filesystem, filesystem.root)
        case "cgroup2", "cgroup":
            return (cgroupFilesystem, process.cgroupNamespace.root.directory)
        case "overlay":
            return try makeOverlay(source: source, data: data, process: process)
        default:
            throw Errno.ENODEV
        }
    }

    func populateSysfs(_ filesystem: Filesystem) {
        for path in [["fs", "cgroup"], ["kernel"], ["class"], ["devices"]] {
            var directory = filesystem.root
            for name in path {
                let next = directory.entries[name] ?? filesystem.makeInode(.directory, permissions: 0o755)
                if directory.entries[name] == nil {
                    directory.entries[name] = next
                    next.parent = directory
                    directory.linkCount += 1
                }
                directory = next
            }
        }
    }

    /// `lowerdir=a:b,upperdir=u,workdir=w`: EINVAL without a lower layer, or with an upper layer
    /// but no workdir.
    func makeOverlay(source: String, data: String, process: SimProcess) throws -> (Filesystem, Inode) {
        guard let lowerList = SimMachine.option("lowerdir", in: data), !lowerList.isEmpty else { throw Errno.EINVAL }
        let lowers = try lowerList.split(separator: ":").map { path -> Inode in
            let location = try resolve(String(path), for: process)
            guard location.inode.kind == .directory else { throw Errno.ENOTDIR }
            return location.inode.overlay?.current ?? location.inode
        }
        var upper: Inode?
        if let upperPath = SimMachine.option("upperdir", in: data) {
            guard SimMachine.option("workdir", in: data) != nil else { throw Errno.EINVAL }
            let location = try resolve(upperPath, for: process)
            guard location.inode.kind == .directory else { throw Errno.ENOTDIR }
            if location.mount.isReadOnly { throw Errno.EROFS }
            upper = location.inode
        }
        let filesystem = Filesystem(device: allocateDevice(), type: "overlay", source: source, numbers: inodeNumbers, options: data)
        let layers = OverlayLayers(filesystem: filesystem, upper: upper, lowers: lowers)
        let top = upper ?? lowers[0]
        let root = filesystem.root
        root.permissions = top.permissions
        let node = OverlayNode(layers: layers, name: "", parentNode: nil, upper: upper, lowers: lowers)
        node.inode = root
        root.overlay = node
        return (filesystem, root)
    }

    /// The value of `key=value` in a comma-separated option string.
    /// tmpfs's mount options as /proc/self/mounts shows them (mm/shmem.c shmem_show_options):
    /// `size` in kibibytes rounded up to whole pages (`size=1m` reads back `size=1024k`), `mode`
    /// in octal and left out when it is the default 1777; the others as given. A size that is not
    /// a number with an optional k, m or g is EINVAL, as the kernel's parser answers.
    static func tmpfsOptions(_ data: String) throws -> String {
        var shown: [String] = []
        for part in data.split(separator: ",") {
            if part.hasPrefix("size=") {
                var digits = part.dropFirst(5)
                var scale: UInt64 = 1
                switch digits.last {
                case "k", "K": scale = 1 << 10
                case "m", "M": scale = 1 << 20
                case "g", "G": scale = 1 << 30
                default: break
                }
                if scale != 1 { digits = digits.dropLast() }
                guard let count = UInt64(digits) else { throw Errno.EINVAL }
                let pages = (count * scale + 4095) / 4096
                shown.append("size=\(pages * 4)k")
            } else if part.hasPrefix("mode=") {
                guard let bits = UInt32(part.dropFirst(5), radix: 8) else { throw Errno.EINVAL }
                let octal = String(bits, radix: 8)
                if bits != 0o1777 { shown.append("mode=" + String(repeating: "0", count: max(0, 3 - octal.count)) + octal) }
            } else {
                shown.append(String(part))
            }
        }
        return shown.joined(separator: ",")
    }

    static func option(_ key: String, in data: String) -> String? {
        for part in data.split(separator: ",") where part.hasPrefix(key + "=") {
            return String(part.dropFirst(key.count + 1))
        }
        return nil
    }
}

import KernelInterface
import OCI

extension StandardInit {
    /// rootfs_linux.go `prepareRoot`: make every mount below / a slave (or what
    /// `linux.rootfsPropagation` says) so nothing done here propagates back to the host, then
    /// bind the rootfs onto itself so it is a mount point pivot_root can use.
    func prepareRoot() throws {
        try stage {
            var propagation: MountFlags = [.slave, .recursive]
            if let word = spec.linux?.rootfsPropagation, let flags = MountOptions.propagationWords[word] {
                propagation = flags.union(.recursive)
            }
            try kernel.mount(source: "", target: "/", fstype: "", flags: propagation, data: "")
            try kernel.mount(source: rootfs, target: rootfs, fstype: "bind", flags: [.bind, .recursive], data: "")
        }
    }

    /// rootfs_linux.go `mountToRootfs` for each of config.json's mounts, in order.
    func mountSpecMounts() throws {
        for mount in spec.mounts ?? [] {
            try stage(operation: "error mounting \"\(mount.source ?? "")\" to rootfs at \"\(mount.destination)\"") {
                try mountToRootfs(mount)
            }
        }
    }

    private func mountToRootfs(_ mount: Spec.Mount) throws {
        let target = try pathInRootfs(mount.destination)
        let options = MountOptions(mount.options ?? [])
        let type = mount.type ?? (options.flags.contains(.bind) ? "bind" : "")
        let source = mount.source ?? type
        if type == "bind" || options.flags.contains(.bind) {
            try makeMountPoint(target, like: source)
            try kernel.mount(source: source, target: target, fstype: "bind", flags: options.flags.union(.bind), data: "")
            if !options.remountFlags.isEmpty {
                try kernel.mount(source: target, target: target, fstype: "bind",
                                 flags: options.remountFlags.union([.bind, .remount]), data: "")
            }
        } else {
            try kernel.mkdirAll(target)
            // On the unified hierarchy runc mounts cgroup2 where config.json says "cgroup".
            let fstype = type == "cgroup" && Cgroups.hierarchy(kernel: kernel) == .unified ? "cgroup2" : type
            try kernel.mount(source: source, target: target, fstype: fstype, flags: options.flags, data: options.dataString)
        }
        for propagation in options.propagation {
            try kernel.mount(source: "", target: target, fstype: "", flags: propagation, data: "")
        }
    }

    /// A bind mount needs a target of the source's kind: a directory for a directory, an empty
    /// file for anything else (runc's `createIfNotExists`).
    private func makeMountPoint(_ target: String, like source: String) throws {
        if try kernel.stat(source).kind == .directory {
            try kernel.mkdirAll(target)
        } else if !kernel.exists(target) {
            try kernel.mkdirAll(parentDirectory(target))
            try kernel.close(try kernel.open(target, [.writeOnly, .create, .closeOnExec], mode: 0o755))
        }
    }

    /// rootfs_linux.go `pivotRoot`: pivot_root(".", ".") puts the old root on top of the new
    /// one at the same place; unmounting "." with MNT_DETACH then drops it, so no path leads
    /// back to the host's files. This avoids needing a directory for the old root.
    func pivotRoot() throws {
        try stage {
            try kernel.chdir(rootfs)
            try kernel.pivotRoot(".", ".")
            try kernel.umount(".", flags: .detach)
            try kernel.chdir("/")
        }
    }

    /// rootfs_linux.go `finalizeRootfs`: a read-only `root` is remounted read-only last, after
    /// everything else is mounted under it.
    func finalizeRootfs() throws {
        guard spec.root?.readonly == true else { return }
        try stage {
            try kernel.mount(source: "/", target: "/", fstype: "bind",
                             flags: [.bind, .remount, .readOnly, .recursive], data: "")
        }
    }
}

func parentDirectory(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}

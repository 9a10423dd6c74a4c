import KernelInterface
import OCI

extension StandardInit {
    /// rootfs_linux.go `prepareRoot`: make every mount below / a slave (or what
    /// `linux.rootfsPropagation` says) so nothing done here propagates back to the host, then
    /// make the mount the rootfs sits on private if it is shared (`rootfsParentMountPrivate`:
    /// pivot_root refuses a shared parent, and the bind below must not propagate to the
    /// host), then bind the rootfs onto itself so it is a mount point pivot_root can use.
    func prepareRoot() throws {
        try stage {
            var propagation: MountFlags = [.slave, .recursive]
            if let word = spec.linux?.rootfsPropagation, let flags = MountOptions.propagationWords[word] {
                propagation = flags.union(.recursive)
            }
            try kernel.mount(source: "", target: "/", fstype: "", flags: propagation, data: "")
            if let parent = MountInfo.mount(containing: rootfs, in: try MountInfo.read(kernel: kernel)), parent.isShared {
                try kernel.mount(source: "", target: parent.mountPoint, fstype: "", flags: .private, data: "")
            }
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

    /// One mount: a bind (with a second, remounting call for the flags a bind ignores), the
    /// cgroup file system (StandardInit+Cgroup.swift), or any other file system by type.
    func mountToRootfs(_ mount: Spec.Mount) throws {
        let target = try pathInRootfs(mount.destination)
        let options = MountOptions(mount.options ?? [])
        let type = mount.type ?? (options.flags.contains(.bind) ? "bind" : "")
        let source = mount.source ?? type
        if type == "cgroup" {
            try mountCgroup(mount, options: options)
            return
        }
        if type == "sysfs", !BundleSpec.newNamespaces(of: spec).contains(.network) {
            // sysfs shows the network devices of the mounting process's network namespace;
            // a container sharing the host's gets the host's /sys, bound read-only.
            try mountToRootfs(Spec.Mount(destination: mount.destination, type: "bind", source: "/sys",
                                         options: ["rbind", "nosuid", "noexec", "nodev", "ro"]))
            return
        }
        if type == "bind" || options.flags.contains(.bind) {
            try makeMountPoint(target, like: source)
            try kernel.mount(source: source, target: target, fstype: "bind", flags: options.flags.union(.bind), data: "")
            if !options.remountFlags.isEmpty {
                try kernel.mount(source: target, target: target, fstype: "bind",
                                 flags: options.remountFlags.union([.bind, .remount]), data: "")
            }
        } else {
            try kernel.mkdirAll(target)
            try kernel.mount(source: source, target: target, fstype: type, flags: options.flags, data: options.dataString)
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

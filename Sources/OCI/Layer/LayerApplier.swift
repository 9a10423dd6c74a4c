import KernelInterface

/// Unpacks a layer tar onto a directory through `Kernel`, as Docker's `archive.ApplyLayer` and
/// containerd's `archive.Apply` do: each entry replaces what was there (a directory over a
/// directory keeps its contents), whiteouts remove or mask lower layers' files, and nothing
/// is ever written outside the target whatever names, `..` or symlinks the archive holds.
public enum LayerApplier {
    /// Applies `tar` (uncompressed) onto `root`. Returns the total size of the regular files
    /// written, as archive.Apply reports it. `preserveOwnership` lchowns each entry to its
    /// tar uid/gid (a rootless caller turns it off).
    @discardableResult
    public static func apply(
        tar: [UInt8], to root: String, kernel: Kernel, whiteouts: WhiteoutFormat = .delete,
        preserveOwnership: Bool = true
    ) throws -> Int64 {
        var reader = TarReader(tar)
        var unpacked: Set<String> = []
        var size: Int64 = 0
        while let entry = try reader.next() {
            let components = try LayerPath.components(entry.path)
            guard let baseName = components.last else { continue }
            let parent = try resolveParent(Array(components.dropLast()), root: root, kernel: kernel)
            if let whiteout = try LayerPath.whiteout(baseName) {
                try applyWhiteout(whiteout, in: parent, format: whiteouts, unpacked: unpacked, kernel: kernel)
                continue
            }
            let path = joinPath(parent, baseName)
            try replaceExisting(path, with: entry, kernel: kernel)
            try create(entry, at: path, root: root, kernel: kernel)
            if preserveOwnership {
                try call("lchown", path) { try kernel.lchown(path, uid: entry.uid, gid: entry.gid) }
            }
            if entry.kind != .symlink && entry.kind != .hardLink {
                try call("chmod", path) { try kernel.chmod(path, mode: entry.mode) }
            }
            if entry.kind == .regular { size += Int64(entry.contents.count) }
            unpacked.insert(path)
        }
        return size
    }

    /// The entry's parent directory, resolved inside `root` with lstat/readlink; missing
    /// directories on the way are created 0755, as archive.Apply's `MkdirAll` does.
    static func resolveParent(_ components: [String], root: String, kernel: Kernel) throws -> String {
        let resolved = try LayerPath.resolvedComponents(components, under: root) { path in
            guard let status = try? kernel.lstat(path), status.kind == .symlink else { return nil }
            return try call("readlink", path) { try kernel.readlink(path) }
        }
        var current = root
        for component in resolved {
            current = joinPath(current, component)
            if let status = try? kernel.lstat(current) {
                guard status.kind == .directory else {
                    throw OCIError.applyFailed(operation: "mkdir", path: current, errno: .ENOTDIR)
                }
            } else {
                try call("mkdir", current) { try kernel.mkdir(current, mode: 0o755) }
            }
        }
        return current
    }

    /// A directory over a directory is kept (its mode is updated later); anything else that is
    /// in the way is removed first.
    static func replaceExisting(_ path: String, with entry: TarEntry, kernel: Kernel) throws {
        guard let existing = try? kernel.lstat(path) else { return }
        if existing.kind == .directory && entry.kind == .directory { return }
        try call("remove", path) { try kernel.removeAll(path) }
    }

    static func create(_ entry: TarEntry, at path: String, root: String, kernel: Kernel) throws {
        switch entry.kind {
        case .directory:
            if !kernel.exists(path) { try call("mkdir", path) { try kernel.mkdir(path, mode: entry.mode) } }
        case .regular:
            try call("open", path) {
                let fd = try kernel.open(path, [.writeOnly, .create, .exclusive, .noFollow, .closeOnExec], mode: entry.mode)
                defer { try? kernel.close(fd) }
                try kernel.writeAll(fd, entry.contents)
            }
        case .symlink:
            try call("symlink", path) { try kernel.symlink(entry.linkTarget, path) }
        case .hardLink:
            let components = try LayerPath.components(entry.linkTarget)
            guard let baseName = components.last else {
                throw OCIError.unsafePath(entry.linkTarget, reason: "hard link to the layer root")
            }
            let source = joinPath(try resolveParent(Array(components.dropLast()), root: root, kernel: kernel), baseName)
            try call("link", path) { try kernel.link(source, path) }
        case .characterDevice, .blockDevice, .fifo:
            let kind: FileKind = entry.kind == .fifo ? .fifo : entry.kind == .blockDevice ? .blockDevice : .characterDevice
            try call("mknod", path) {
                try kernel.mknod(path, kind: kind, mode: entry.mode, major: entry.deviceMajor, minor: entry.deviceMinor)
            }
        }
    }

    static func applyWhiteout(
        _ whiteout: LayerPath.Whiteout, in directory: String, format: WhiteoutFormat, unpacked: Set<String>,
        kernel: Kernel
    ) throws {
        switch (whiteout, format) {
        case let (.remove(name), .delete):
            let path = joinPath(directory, name)
            try call("remove", path) { try kernel.removeAll(path) }
        case let (.remove(name), .overlay):
            let path = joinPath(directory, name)
            try call("remove", path) { try kernel.removeAll(path) }
            try call("mknod", path) { try kernel.mknod(path, kind: .characterDevice, mode: 0, major: 0, minor: 0) }
        case (.opaque, .delete):
            for entry in try call("readdir", directory, { try kernel.readdir(directory) })
            where entry.name != "." && entry.name != ".." {
                let path = joinPath(directory, entry.name)
                if !unpacked.contains(path) { try call("remove", path) { try kernel.removeAll(path) } }
            }
        case let (.opaque, .overlay(markOpaque)):
            try markOpaque(directory, kernel)
        case (.metadata, _):
            break
        }
    }

    /// Runs one filesystem call, naming the call and path when it fails.
    @discardableResult
    static func call<T>(_ operation: String, _ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let errno as Errno {
            throw OCIError.applyFailed(operation: operation, path: path, errno: errno)
        }
    }
}

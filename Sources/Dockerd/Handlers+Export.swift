import KernelInterface
import OCI
import Wire

extension Handlers {
    /// `GET /containers/{id}/export` (moby daemon/export.go): the container's filesystem as a
    /// tar. A running container's rootfs is its mounted overlay; a stopped one's overlay is
    /// mounted for the walk and unmounted after, as moby mounts the RWLayer to export it.
    func exportContainer(_ reference: String) throws {
        let container = try container(reference)
        let merged = daemon.layerDirectory(container.id) + "/merged"
        let (running, busy) = daemon.lock.withLock { (container.status == .running, container.status == .removing || container.removed) }
        if busy { throw DaemonError(.conflict, "You cannot export container \(container.id) which is being removed") }
        var mounted = false
        if !running {
            let layer = daemon.layerDirectory(container.id)
            let lowers = container.layerDirectories.reversed().joined(separator: ":")
            try kernel.mount(source: "overlay", target: merged, fstype: "overlay", flags: [],
                             data: "lowerdir=\(lowers),upperdir=\(layer)/diff,workdir=\(layer)/work")
            mounted = true
        }
        defer { if mounted { try? kernel.umount(merged, flags: .detach) } }
        var writer = TarWriter(modificationTime: nil)
        try RootfsArchive.append(directory: merged, name: "", to: &writer, kernel: kernel)
        daemon.record("export", container: container, kernel: kernel)
        exchange.respond(HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/x-tar")]), body: writer.finish()))
    }
}

/// A directory tree as tar entries, through the Kernel: names relative to the root, children
/// in name order, owners and modes as they are on disk, symlinks not followed.
enum RootfsArchive {
    static func append(directory: String, name: String, to writer: inout TarWriter, kernel: Kernel) throws {
        let entries = try kernel.readdir(directory).filter { $0.name != "." && $0.name != ".." }.sorted { $0.name < $1.name }
        for entry in entries {
            let path = directory + "/" + entry.name
            let relative = name.isEmpty ? entry.name : name + "/" + entry.name
            let status = try kernel.lstat(path)
            var tar: TarEntry
            switch status.kind {
            case .directory: tar = .directory(relative, mode: status.permissions)
            case .regular: tar = .file(relative, try kernel.readFile(path), mode: status.permissions)
            case .symlink: tar = .symlink(relative, target: try kernel.readlink(path))
            case .characterDevice:
                tar = .characterDevice(relative, major: status.deviceNumber.major, minor: status.deviceNumber.minor, mode: status.permissions)
            case .fifo: tar = .fifo(relative, mode: status.permissions)
            case .socket, .blockDevice: continue
            }
            tar.uid = status.uid
            tar.gid = status.gid
            tar.modificationTime = status.modified / 1_000_000_000
            writer.append(tar)
            if status.kind == .directory { try append(directory: path, name: relative, to: &writer, kernel: kernel) }
        }
    }
}

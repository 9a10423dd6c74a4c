import KernelInterface
import Wire

/// A container's files on disk (moby's container root and the overlay2 driver's layer dir):
///
///     <data-root>/containers/<id>/config.v2.json    the container and its state (ContainerFiles+State.swift)
///                                 hostconfig.json   its HostConfig, every field
///                                 hostname, hosts, resolv.conf, <id>-json.log
///     <data-root>/overlay2/<id>/diff, work, merged  the read-write layer and its mount point
///                               lower               the image's layer directories, top first
///
/// They outlive the daemon: a dockerd started again on the same data root reads them back
/// (ContainerFiles+Load.swift, Daemon+Restore.swift).
struct ContainerFiles {
    let daemon: Daemon
    let kernel: Kernel

    static let configName = "config.v2.json"
    static let hostConfigName = "hostconfig.json"

    func create(_ container: Container) throws {
        let directory = daemon.containerDirectory(container.id)
        try kernel.mkdirAll(directory, mode: 0o710)
        try checkpoint(container)
        let hostConfig = ContainerInspection(daemon: daemon, container: container).hostConfig
        try writeAtomically(directory + "/" + ContainerFiles.hostConfigName, hostConfig.serializedBytes)
        let hostname = container.config.Hostname.flatMap { $0.isEmpty ? nil : $0 } ?? container.shortID
        try kernel.writeFile(directory + "/hostname", hostname + "\n")
        try kernel.writeFile(directory + "/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
        try kernel.writeFile(directory + "/resolv.conf", "nameserver 127.0.0.1\n")
        let layer = daemon.layerDirectory(container.id)
        for part in ["diff", "work", "merged"] { try kernel.mkdirAll(layer + "/" + part, mode: 0o755) }
        try kernel.writeFile(layer + "/lower", ContainerFiles.lowerText(container.layerDirectories))
    }

    /// Removes the container's files: its layer and its directory go to the daemon's trash, to
    /// be deleted behind the answer (Daemon+Trash.swift), or are deleted here when they cannot.
    /// Holds its disk lock, so no checkpoint writes into the directory while it goes.
    func remove(_ container: Container) throws {
        try container.diskLock.withLock {
            let directories = [(daemon.layerDirectory(container.id), "layer"), (daemon.containerDirectory(container.id), "container")]
            for (path, kind) in directories where !daemon.moveToTrash(path, as: "\(container.id)-\(kind)", kernel: kernel) {
                try kernel.removeAll(path)
            }
            try? kernel.removeAll(daemon.fifoDirectory(container.id))
        }
        daemon.collectTrash(kernel: kernel)
    }

    var logPath: (Container) -> String {
        { daemon.containerDirectory($0.id) + "/" + $0.id + "-json.log" }
    }

    /// The overlay2 driver's `lower` file: the lower directories as the mount's `lowerdir=`
    /// lists them, top first (moby's driver writes its short `l/` links the same way).
    static func lowerText(_ layerDirectories: [String]) -> String {
        layerDirectories.reversed().joined(separator: ":")
    }

    /// The layer directories, bottom first, from a `lower` file's text.
    static func layerDirectories(lowerText: String) -> [String] {
        lowerText.split(separator: ":").map(String.init).reversed()
    }
}

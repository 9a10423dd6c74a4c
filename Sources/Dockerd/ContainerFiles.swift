import KernelInterface
import Wire

/// A container's files on disk (moby's container root and the overlay2 driver's layer dir):
///
///     <data-root>/containers/<id>/config.v2.json, hostconfig.json, hostname, hosts, resolv.conf,
///                                 <id>-json.log
///     <data-root>/overlay2/<id>/diff, work, merged     the read-write layer and its mount point
struct ContainerFiles {
    let daemon: Daemon
    let kernel: Kernel

    func create(_ container: Container) throws {
        let directory = daemon.containerDirectory(container.id)
        try kernel.mkdirAll(directory, mode: 0o710)
        try kernel.writeFile(directory + "/config.v2.json", JSONCoding.encode(container.config), mode: 0o600)
        try kernel.writeFile(directory + "/hostconfig.json", JSONCoding.encode(container.hostConfig), mode: 0o600)
        let hostname = container.config.Hostname.flatMap { $0.isEmpty ? nil : $0 } ?? container.shortID
        try kernel.writeFile(directory + "/hostname", hostname + "\n")
        try kernel.writeFile(directory + "/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
        try kernel.writeFile(directory + "/resolv.conf", "nameserver 127.0.0.1\n")
        let layer = daemon.layerDirectory(container.id)
        for part in ["diff", "work", "merged"] { try kernel.mkdirAll(layer + "/" + part, mode: 0o755) }
    }

    func remove(_ container: Container) throws {
        try kernel.removeAll(daemon.layerDirectory(container.id))
        try kernel.removeAll(daemon.containerDirectory(container.id))
        try? kernel.removeAll(daemon.fifoDirectory(container.id))
    }

    var logPath: (Container) -> String {
        { daemon.containerDirectory($0.id) + "/" + $0.id + "-json.log" }
    }
}

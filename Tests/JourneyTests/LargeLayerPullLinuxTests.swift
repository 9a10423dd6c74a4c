import Foundation
import KernelInterface
import LinuxKernel
import OCI
import Testing
import TestSupport
import Wire

/// A layer larger than the 64 MiB any other HTTP body may be, pulled from a real registry:
/// Debian's `docker-registry` (the CNCF distribution registry) on loopback, the image pushed to
/// it with the distribution API's monolithic upload, glassbox-dockerd pointed at it with
/// `--registry`. The pull reads each blob up to the size its manifest gives, verifies it and
/// unpacks it; the container sees the file. The same tarball then goes through `import`, whose
/// request body dockerd allows up to 4 GiB.
private let registryProgram = "/usr/bin/docker-registry"

@Suite("A layer over 64 MiB is pulled from Debian's docker-registry", .serialized,
       .enabled(if: LinuxHost.skipReason == nil, Comment(rawValue: LinuxHost.skipReason ?? "")),
       .enabled(if: FileManager.default.isExecutableFile(atPath: registryProgram),
                "needs Debian's docker-registry (apt-get install docker-registry)"))
final class LargeLayerPullLinuxTests {
    let roots = LinuxDaemonRoots("biglayer")
    var registry: Process?

    deinit {
        if let registry, registry.isRunning { kill(registry.processIdentifier, SIGKILL) }
    }

    /// A loopback port nobody listens on now.
    func freePort() throws -> UInt16 {
        let kernel = LinuxKernel()
        let fd = try kernel.socket(.inet, .stream, closeOnExec: true)
        defer { try? kernel.close(fd) }
        try kernel.bind(fd, .inet(host: SocketAddress.loopback, port: 0))
        guard case let .inet(_, port) = try kernel.getsockname(fd) else { throw WireError.malformed("no port") }
        return port
    }

    /// The registry, storing under the test's directory; waits until it answers `/v2/`.
    func startRegistry(port: UInt16) throws -> HTTPClient {
        let directory = roots.directory.appendingPathComponent("registry").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let config = directory + "/config.yml"
        try """
            version: 0.1
            storage:
              filesystem:
                rootdirectory: \(directory)/data
            http:
              addr: 127.0.0.1:\(port)
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: registryProgram)
        process.arguments = ["serve", config]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        registry = process
        let client = HTTPClient(kernel: LinuxKernel(), address: .inet(host: SocketAddress.loopback, port: port),
                                host: "127.0.0.1:\(port)", userAgent: "glassbox-test")
        for _ in 0..<100 {
            if (try? client.send("GET", "/v2/"))?.status == 200 { return client }
            usleep(50_000)
        }
        throw WireError.truncated("docker-registry did not answer on port \(port)")
    }

    /// The distribution API's monolithic upload: POST for an upload URL, PUT of the whole blob.
    func push(_ bytes: [UInt8], digest: Digest, repository: String, to client: HTTPClient) throws {
        let started = try client.send("POST", "/v2/\(repository)/blobs/uploads/")
        #expect(started.status == 202, "\(started.statusLine)")
        var location = try #require(started.headers["Location"])
        if let scheme = location.range(of: "://"), let path = location[scheme.upperBound...].firstIndex(of: "/") {
            location = String(location[path...])
        }
        let separator = location.contains("?") ? "&" : "?"
        let put = try client.send("PUT", location + separator + "digest=" + digest.description,
                                  headers: [("Content-Type", "application/octet-stream")], body: bytes)
        #expect(put.status == 201, "\(put.statusLine) \(String(decoding: put.body, as: UTF8.self))")
    }

    @Test("a 70 MB layer pushed to the registry is pulled, verified, unpacked and run; the same tarball imports")
    func largeLayer() throws {
        let busybox = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "/bin/busybox")))
        var large = [UInt8](repeating: 0, count: 70_000_000)
        for index in stride(from: 0, to: large.count, by: 4096) { large[index] = UInt8(truncatingIfNeeded: index / 4096) }
        let image = ImageLayout(
            files: [.file("/bin/busybox", busybox, mode: 0o755), .symlink("/bin/ls", target: "busybox"),
                    .file("/big.bin", large)],
            config: ImageConfiguration.Config(cmd: ["/bin/ls"]), created: "2026-01-01T00:00:00Z"
        )
        #expect(image.layer.count > HTTPCodec.maximumBodySize, "the layer is over the cap of other bodies")

        let port = try freePort()
        let client = try startRegistry(port: port)
        try push(image.layer, digest: image.layerDescriptor.digest, repository: "library/big", to: client)
        try push(image.configBytes, digest: image.configDescriptor.digest, repository: "library/big", to: client)
        let manifest = try client.send("PUT", "/v2/library/big/manifests/latest",
                                       headers: [("Content-Type", MediaType.ociManifest)], body: image.manifestBytes)
        #expect(manifest.status == 201, "\(manifest.statusLine) \(String(decoding: manifest.body, as: UTF8.self))")

        let daemon = try roots.startDaemon(["--registry", "tcp://127.0.0.1:\(port)"])
        let pull = try roots.glassbox(["pull", "big"])
        #expect(pull.status == 0, "\(pull.stdout)\(pull.stderr)")
        let run = try roots.glassbox(["run", "--rm", "big", "ls", "-l", "/big.bin"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(" 70000000 "), "the container sees the whole file: \(run.stdout)")

        // The same root filesystem through `docker import`: a request body over 64 MiB.
        let tarball = roots.directory.appendingPathComponent("rootfs.tar")
        try Data(image.layer).write(to: tarball)
        let imported = try roots.glassbox(["import", tarball.path, "bigimport"])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let again = try roots.glassbox(["run", "--rm", "bigimport", "/bin/ls", "-l", "/big.bin"])
        #expect(again.stdout.contains(" 70000000 "), "\(again.stdout)\(again.stderr)")
        kill(daemon.processIdentifier, SIGTERM)
        for _ in 0..<1500 where daemon.isRunning { usleep(20_000) }
        #expect(!daemon.isRunning)
        #expect(roots.shims().isEmpty, "no shim is left")
        #expect(roots.mounts().isEmpty, "no mount is left: \(roots.mounts())")
    }
}

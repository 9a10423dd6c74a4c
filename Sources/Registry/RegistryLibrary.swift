import KernelInterface
import OCI

/// The registry's images: one OCI image layout per repository under the root
/// (`<root>/library/hello-world/{oci-layout,index.json,blobs/sha256/…}`), and the tags each
/// layout's index names.
struct RegistryLibrary: Sendable {
    struct Repository: Sendable {
        let directory: String
        /// tag → manifest descriptor.
        let tags: [String: Descriptor]
    }

    let repositories: [String: Repository]

    /// The applets the busybox image links to the binary.
    static let busyboxApplets = [
        "sh", "echo", "cat", "ls", "ps", "hostname", "id", "mount", "sleep", "true", "false", "env",
        "pwd", "mkdir", "rm", "touch", "uname", "wc", "head", "printf",
    ]

    /// Makes the library from the executables on this machine; an image whose source is
    /// missing is left out, with a message that says how to get it.
    static func build(options: RegistryProgram.Options, kernel: Kernel, log: (String) -> Void) throws -> RegistryLibrary {
        var repositories: [String: Repository] = [:]
        func add(_ name: String, _ layout: ImageLayout) throws {
            let directory = options.root + "/" + name
            try kernel.mkdirAll(directory, mode: 0o755)
            try layout.write(to: directory, kernel: kernel)
            repositories[name] = Repository(directory: directory, tags: ["latest": layout.manifestDescriptor])
        }
        if let hello = try? kernel.readFile(options.hello) {
            try add("library/hello-world", ImageLibrary.helloWorld(helloExecutable: hello))
        } else {
            log("hello-world is not served: \(options.hello) is missing (it is built with the package: swift build)")
        }
        if let busybox = try? kernel.readFile(options.busybox) {
            try add("library/busybox", ImageLibrary.busybox(busyboxExecutable: busybox, applets: busyboxApplets))
        } else {
            log("busybox is not served: \(options.busybox) is missing (install Debian's busybox-static: apt-get install busybox-static)")
        }
        return RegistryLibrary(repositories: repositories)
    }

    func blobPath(_ repository: Repository, _ digest: Digest) -> String {
        repository.directory + "/blobs/sha256/" + digest.encoded
    }
}

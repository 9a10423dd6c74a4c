import KernelInterface
import OCI
import Wire

/// dockerd's images (moby's image store and reference store, on the overlay2 layout):
///
///     <data-root>/image/repositories.json              name → tag → image id
///     <data-root>/image/imagedb/content/sha256/<hex>   image configs, by id (their digest)
///     <data-root>/image/blobs/sha256/<hex>             manifests and layer blobs as pulled
///     <data-root>/overlay2/<chain id hex>/diff         each layer, unpacked, on its parents
final class ImageStore: @unchecked Sendable {
    let root: String
    let layerRoot: String
    /// familiar name → ("name:tag" → image id), as repositories.json holds it.
    var repositories: [String: [String: String]] = [:]
    /// Images with no tag (an import without a repository), which `docker images` shows as
    /// `<none>`; kept in repositories.json under the empty name.
    var untagged: Set<String> = []
    /// Sizes already computed, by image id.
    var sizes: [String: Int64] = [:]

    init(root: String, layerRoot: String) {
        self.root = root
        self.layerRoot = layerRoot
    }

    var repositoriesPath: String { root + "/repositories.json" }
    func configPath(_ id: Digest) -> String { root + "/imagedb/content/sha256/" + id.encoded }
    func blobPath(_ digest: Digest) -> String { root + "/blobs/sha256/" + digest.encoded }
    func layerDirectory(chainID: Digest) -> String { layerRoot + "/" + chainID.encoded + "/diff" }

    /// Loads repositories.json (absent on a new data root).
    func load(kernel: Kernel) throws {
        try kernel.mkdirAll(root + "/imagedb/content/sha256", mode: 0o700)
        try kernel.mkdirAll(root + "/blobs/sha256", mode: 0o700)
        try kernel.mkdirAll(layerRoot, mode: 0o710)
        guard kernel.exists(repositoriesPath) else { return }
        repositories = try JSONCoding.decode(File.self, from: kernel.readFile(repositoriesPath)).Repositories
        untagged = Set(repositories.removeValue(forKey: "")?.values.map { $0 } ?? [])
    }

    /// repositories.json; untagged images are kept under the empty name, by id.
    struct File: Codable { var Repositories: [String: [String: String]] }

    func save(kernel: Kernel) throws {
        var all = repositories
        if !untagged.isEmpty { all[""] = Dictionary(uniqueKeysWithValues: untagged.map { ($0, $0) }) }
        let temporary = repositoriesPath + ".tmp"
        try kernel.writeFile(temporary, JSONCoding.encode(File(Repositories: all)), mode: 0o600)
        try kernel.rename(temporary, repositoriesPath)
    }

    /// The image id a reference names, or nil.
    func imageID(for reference: ImageReference) -> Digest? {
        let key = reference.familiarString
        guard let id = repositories[reference.familiarName]?[key] else { return nil }
        return try? Digest(parsing: id)
    }

    func tag(_ reference: ImageReference, id: Digest, kernel: Kernel) throws {
        untagged.remove(id.description)
        repositories[reference.familiarName, default: [:]][reference.familiarString] = id.description
        try save(kernel: kernel)
    }

    func configuration(_ id: Digest, kernel: Kernel) throws -> ImageConfiguration {
        try ImageConfiguration.decode(kernel.readFile(configPath(id)))
    }

    /// The chain ids of an image's layers, bottom first (image-spec config.md: ChainID(L0) =
    /// DiffID(L0), ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln))).
    static func chainIDs(_ diffIDs: [Digest]) -> [Digest] {
        var chain: [Digest] = []
        for diffID in diffIDs {
            if let parent = chain.last {
                chain.append(Digest(of: Array((parent.description + " " + diffID.description).utf8)))
            } else {
                chain.append(diffID)
            }
        }
        return chain
    }

    /// The unpacked layer directories of an image, bottom first.
    func layerDirectories(_ configuration: ImageConfiguration) -> [String] {
        ImageStore.chainIDs(configuration.rootfs.diffIDs).map { layerDirectory(chainID: $0) }
    }
}

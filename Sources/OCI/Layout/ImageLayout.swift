import KernelInterface

/// One single-layer image built deterministically from a list of files: the layer tar, the
/// config and the manifest as content-addressed blobs, and the `index.json` and `oci-layout`
/// that make them an OCI image layout directory (image-spec image-layout.md), the form
/// `ctr images import` and `skopeo` read.
///
/// The same files, config and `created` always give the same digests: the tar is written in
/// the order given with every mtime set to `created`, and JSON with sorted keys.
public struct ImageLayout: Sendable {
    public let layer: [UInt8]
    public let layerDescriptor: Descriptor
    /// The uncompressed layer's digest (`rootfs.diff_ids`); equal to the layer's digest here
    /// because the layer is stored uncompressed.
    public let diffID: Digest
    public let configuration: ImageConfiguration
    public let configBytes: [UInt8]
    public let configDescriptor: Descriptor
    public let manifest: Manifest
    public let manifestBytes: [UInt8]
    public let manifestDescriptor: Descriptor
    public let index: Index
    public let indexBytes: [UInt8]

    /// `oci-layout`'s content.
    public static let ociLayoutBytes: [UInt8] = Array(#"{"imageLayoutVersion":"1.0.0"}"#.utf8)

    /// Builds the image. `reference`, when given, names the manifest in `index.json` (its tag
    /// as `org.opencontainers.image.ref.name`, the full name as containerd's
    /// `io.containerd.image.name`). Missing parent directories get 0755 entries.
    public init(
        files: [ImageFile], config: ImageConfiguration.Config, created: String, architecture: String = "amd64",
        os: String = "linux", history: [ImageConfiguration.History]? = nil, reference: ImageReference? = nil
    ) {
        guard let createdNanoseconds = RFC3339.parse(created) else {
            preconditionFailure("created must be an RFC 3339 timestamp: \(created)")
        }
        let entries = ImageLayout.withParentDirectories(files).map(\.tarEntry)
        layer = TarWriter.archive(entries, modificationTime: createdNanoseconds / 1_000_000_000)
        layerDescriptor = Descriptor(mediaType: MediaType.ociLayer, bytes: layer)
        diffID = layerDescriptor.digest
        configuration = ImageConfiguration(
            created: created, architecture: architecture, os: os, config: config,
            rootfs: .init(diffIDs: [diffID]), history: history
        )
        configBytes = configuration.encoded()
        configDescriptor = Descriptor(mediaType: MediaType.ociConfig, bytes: configBytes)
        manifest = Manifest(config: configDescriptor, layers: [layerDescriptor])
        manifestBytes = manifest.encoded()
        var annotations: [String: String]?
        if let reference {
            annotations = [AnnotationKey.containerdImageName: reference.description]
            if let tag = reference.tag { annotations?[AnnotationKey.refName] = tag }
        }
        manifestDescriptor = Descriptor(
            mediaType: MediaType.ociManifest, bytes: manifestBytes, annotations: annotations,
            platform: Platform(architecture: architecture, os: os)
        )
        index = Index(manifests: [manifestDescriptor])
        indexBytes = index.encoded()
    }

    /// Every blob by digest: the layer, the config and the manifest.
    public var blobs: [Digest: [UInt8]] {
        [layerDescriptor.digest: layer, configDescriptor.digest: configBytes, manifestDescriptor.digest: manifestBytes]
    }

    /// The files of the image layout directory, relative to it, in a fixed order:
    /// `oci-layout`, `index.json`, then `blobs/sha256/<hex>` by digest.
    public var layoutFiles: [(path: String, bytes: [UInt8])] {
        [("oci-layout", ImageLayout.ociLayoutBytes), ("index.json", indexBytes)]
            + blobs.sorted { $0.key < $1.key }.map { (ImageLayout.blobPath($0.key), $0.value) }
    }

    /// Writes the image layout directory at `directory` through `kernel`.
    public func write(to directory: String, kernel: Kernel) throws {
        try kernel.mkdirAll(joinPath(directory, "blobs/sha256"))
        for file in layoutFiles {
            try kernel.writeFile(joinPath(directory, file.path), file.bytes, mode: 0o644)
        }
    }

    /// `files` with a directory entry before the first file under each directory that the
    /// list does not itself create, so that any extractor can create each file's parent.
    static func withParentDirectories(_ files: [ImageFile]) -> [ImageFile] {
        var seen: Set<String> = []
        var out: [ImageFile] = []
        for file in files {
            let components = file.path.split(separator: "/").dropLast()
            var parent = ""
            for component in components {
                parent += "/" + component
                if seen.insert(parent).inserted { out.append(.directory(parent)) }
            }
            if file.content == .directory, seen.contains(file.path),
               let implicit = out.firstIndex(where: { $0.path == file.path }) {
                out[implicit] = file
            } else {
                seen.insert(file.path)
                out.append(file)
            }
        }
        return out
    }
}

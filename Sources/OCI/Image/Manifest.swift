/// An image manifest (image-spec manifest.md; Docker's schema 2 has the same shape): one
/// config and the layers in the order they are applied, lowest first.
public struct Manifest: Codable, Hashable, Sendable {
    /// Always 2.
    public var schemaVersion: Int
    public var mediaType: String?
    public var config: Descriptor
    public var layers: [Descriptor]
    public var annotations: [String: String]?

    public init(
        mediaType: String? = MediaType.ociManifest, config: Descriptor, layers: [Descriptor],
        annotations: [String: String]? = nil
    ) {
        self.schemaVersion = 2
        self.mediaType = mediaType
        self.config = config
        self.layers = layers
        self.annotations = annotations
    }

    public static func decode(_ bytes: [UInt8]) throws -> Manifest {
        let manifest = try OCIJSON.decode(Manifest.self, from: bytes)
        guard manifest.schemaVersion == 2 else {
            throw OCIError.invalidJSON("manifest schemaVersion \(manifest.schemaVersion) is not 2")
        }
        return manifest
    }

    public func encoded() -> [UInt8] { OCIJSON.encode(self) }
}

/// An image index (image-spec image-index.md), or Docker's manifest list: one manifest per
/// platform. Also the `index.json` at the top of an OCI image layout.
public struct Index: Codable, Hashable, Sendable {
    public var schemaVersion: Int
    public var mediaType: String?
    public var manifests: [Descriptor]
    public var annotations: [String: String]?

    public init(mediaType: String? = MediaType.ociIndex, manifests: [Descriptor], annotations: [String: String]? = nil) {
        self.schemaVersion = 2
        self.mediaType = mediaType
        self.manifests = manifests
        self.annotations = annotations
    }

    public static func decode(_ bytes: [UInt8]) throws -> Index {
        let index = try OCIJSON.decode(Index.self, from: bytes)
        guard index.schemaVersion == 2 else {
            throw OCIError.invalidJSON("index schemaVersion \(index.schemaVersion) is not 2")
        }
        return index
    }

    public func encoded() -> [UInt8] { OCIJSON.encode(self) }

    /// The manifest for `platform`, as containerd's platform matcher picks it (exact
    /// os/architecture; a descriptor without a platform matches any).
    public func manifest(for platform: Platform) -> Descriptor? {
        manifests.first { descriptor in
            guard let candidate = descriptor.platform else { return true }
            return candidate.os == platform.os && candidate.architecture == platform.architecture
                && (platform.variant == nil || candidate.variant == platform.variant)
        }
    }
}

/// The annotation keys of image-spec annotations.md that this engine writes.
public enum AnnotationKey {
    /// The tag of a manifest in an image layout's `index.json`.
    public static let refName = "org.opencontainers.image.ref.name"
    /// The full image name containerd records for an imported image.
    public static let containerdImageName = "io.containerd.image.name"
}

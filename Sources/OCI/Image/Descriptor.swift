/// A typed pointer to content: what the blob is, its digest and its size (image-spec
/// descriptor.md). Every manifest, config and layer is reached through one.
public struct Descriptor: Codable, Hashable, Sendable {
    public var mediaType: String
    public var digest: Digest
    public var size: Int64
    public var urls: [String]?
    public var annotations: [String: String]?
    public var platform: Platform?

    public init(
        mediaType: String, digest: Digest, size: Int64, urls: [String]? = nil,
        annotations: [String: String]? = nil, platform: Platform? = nil
    ) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.urls = urls
        self.annotations = annotations
        self.platform = platform
    }

    /// The descriptor of `bytes` as a blob of `mediaType`.
    public init(mediaType: String, bytes: [UInt8], annotations: [String: String]? = nil, platform: Platform? = nil) {
        self.init(
            mediaType: mediaType, digest: Digest(of: bytes), size: Int64(bytes.count),
            annotations: annotations, platform: platform
        )
    }

    /// Checks that `bytes` are the content this descriptor names, as containerd's content
    /// store does on commit: size first, then digest.
    public func verify(_ bytes: [UInt8]) throws {
        let actual = Digest(of: bytes)
        guard Int64(bytes.count) == size, actual == digest else {
            throw OCIError.digestMismatch(expected: digest, actual: actual)
        }
    }
}

/// The platform an image in an index runs on (image-spec image-index.md "platform").
public struct Platform: Codable, Hashable, Sendable {
    public var architecture: String
    public var os: String
    public var osVersion: String?
    public var osFeatures: [String]?
    public var variant: String?

    enum CodingKeys: String, CodingKey {
        case architecture, os, variant
        case osVersion = "os.version"
        case osFeatures = "os.features"
    }

    public init(architecture: String, os: String, osVersion: String? = nil, osFeatures: [String]? = nil, variant: String? = nil) {
        self.architecture = architecture
        self.os = os
        self.osVersion = osVersion
        self.osFeatures = osFeatures
        self.variant = variant
    }

    /// linux/amd64, what the machines here and the simulator run.
    public static let linuxAMD64 = Platform(architecture: "amd64", os: "linux")
}

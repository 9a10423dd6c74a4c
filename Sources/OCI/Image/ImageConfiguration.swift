/// An image's configuration (image-spec config.md; Docker's `container.image.v1` has the same
/// keys): what the container runs by default, and the diff ids of its layers. Inside `config`
/// the keys are capitalised as Docker's Go struct fields are (`Cmd`, `WorkingDir`); elsewhere
/// they are lower-case, with `diff_ids`, `created_by` and `empty_layer` in snake case.
public struct ImageConfiguration: Codable, Hashable, Sendable {
    /// RFC 3339.
    public var created: String?
    public var author: String?
    public var architecture: String
    public var os: String
    public var config: Config?
    public var rootfs: RootFS
    public var history: [History]?

    public init(
        created: String? = nil, author: String? = nil, architecture: String = "amd64", os: String = "linux",
        config: Config? = nil, rootfs: RootFS, history: [History]? = nil
    ) {
        self.created = created
        self.author = author
        self.architecture = architecture
        self.os = os
        self.config = config
        self.rootfs = rootfs
        self.history = history
    }

    public static func decode(_ bytes: [UInt8]) throws -> ImageConfiguration {
        try OCIJSON.decode(ImageConfiguration.self, from: bytes)
    }

    public func encoded() -> [UInt8] { OCIJSON.encode(self) }

    /// The execution defaults for a container (config.md "config").
    public struct Config: Codable, Hashable, Sendable {
        public var user: String?
        /// `"80/tcp": {}`: the values are empty objects.
        public var exposedPorts: [String: EmptyObject]?
        public var env: [String]?
        public var entrypoint: [String]?
        public var cmd: [String]?
        public var volumes: [String: EmptyObject]?
        public var workingDir: String?
        public var labels: [String: String]?
        public var stopSignal: String?

        enum CodingKeys: String, CodingKey {
            case user = "User", exposedPorts = "ExposedPorts", env = "Env", entrypoint = "Entrypoint"
            case cmd = "Cmd", volumes = "Volumes", workingDir = "WorkingDir", labels = "Labels"
            case stopSignal = "StopSignal"
        }

        public init(
            user: String? = nil, exposedPorts: [String: EmptyObject]? = nil, env: [String]? = nil,
            entrypoint: [String]? = nil, cmd: [String]? = nil, volumes: [String: EmptyObject]? = nil,
            workingDir: String? = nil, labels: [String: String]? = nil, stopSignal: String? = nil
        ) {
            self.user = user
            self.exposedPorts = exposedPorts
            self.env = env
            self.entrypoint = entrypoint
            self.cmd = cmd
            self.volumes = volumes
            self.workingDir = workingDir
            self.labels = labels
            self.stopSignal = stopSignal
        }
    }

    /// The layers' uncompressed digests, lowest first (config.md "rootfs").
    public struct RootFS: Codable, Hashable, Sendable {
        /// Always `layers`.
        public var type: String
        public var diffIDs: [Digest]

        enum CodingKeys: String, CodingKey {
            case type
            case diffIDs = "diff_ids"
        }

        public init(diffIDs: [Digest]) {
            self.type = "layers"
            self.diffIDs = diffIDs
        }
    }

    /// One step of the image's build (config.md "history").
    public struct History: Codable, Hashable, Sendable {
        public var created: String?
        public var createdBy: String?
        public var author: String?
        public var comment: String?
        public var emptyLayer: Bool?

        enum CodingKeys: String, CodingKey {
            case created, author, comment
            case createdBy = "created_by"
            case emptyLayer = "empty_layer"
        }

        public init(
            created: String? = nil, createdBy: String? = nil, author: String? = nil, comment: String? = nil,
            emptyLayer: Bool? = nil
        ) {
            self.created = created
            self.createdBy = createdBy
            self.author = author
            self.comment = comment
            self.emptyLayer = emptyLayer
        }
    }
}

/// `{}`: the value type of Go's `map[string]struct{}` (ExposedPorts, Volumes).
public struct EmptyObject: Codable, Hashable, Sendable {
    public init() {}
}

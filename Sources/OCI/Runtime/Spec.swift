/// The OCI runtime-spec (1.0.2) `config.json` of a bundle: what dockerd builds, containerd
/// writes into the bundle, and runc reads. Field names and JSON keys are those of the spec's
/// config.md and of runtime-spec's specs-go/config.go; optional fields are omitted when nil, as
/// Go's `omitempty` does, so a spec read from dockerd's output re-encodes to the same document.
public struct Spec: Codable, Hashable, Sendable {
    public var ociVersion: String
    public var process: Process?
    public var root: Root?
    public var hostname: String?
    public var mounts: [Mount]?
    public var hooks: Hooks?
    public var annotations: [String: String]?
    public var linux: Linux?

    /// The version dockerd 20.10 writes (its vendored runtime-spec is 1.0.2-dev).
    public static let version = "1.0.2-dev"

    public init(
        ociVersion: String = Spec.version, process: Process? = nil, root: Root? = nil,
        hostname: String? = nil, mounts: [Mount]? = nil, hooks: Hooks? = nil,
        annotations: [String: String]? = nil, linux: Linux? = nil
    ) {
        self.ociVersion = ociVersion
        self.process = process
        self.root = root
        self.hostname = hostname
        self.mounts = mounts
        self.hooks = hooks
        self.annotations = annotations
        self.linux = linux
    }

    /// config.json from its bytes.
    public static func decode(_ bytes: [UInt8]) throws -> Spec { try OCIJSON.decode(Spec.self, from: bytes) }

    /// config.json's bytes (keys sorted, deterministic).
    public func encoded() -> [UInt8] { OCIJSON.encode(self) }
}

extension Spec {
    /// The container's root filesystem (config.md "Root").
    public struct Root: Codable, Hashable, Sendable {
        public var path: String
        public var readonly: Bool?
        public init(path: String, readonly: Bool? = nil) {
            self.path = path
            self.readonly = readonly
        }
    }

    /// One mount runc makes inside the container, in order (config.md "Mounts").
    public struct Mount: Codable, Hashable, Sendable {
        public var destination: String
        public var type: String?
        public var source: String?
        public var options: [String]?
        public init(destination: String, type: String? = nil, source: String? = nil, options: [String]? = nil) {
            self.destination = destination
            self.type = type
            self.source = source
            self.options = options
        }
    }

    /// The lifecycle hooks (config.md "POSIX-platform Hooks"). dockerd 20.10 uses `prestart`
    /// for libnetwork's setkey.
    public struct Hooks: Codable, Hashable, Sendable {
        public var prestart: [Hook]?
        public var createRuntime: [Hook]?
        public var createContainer: [Hook]?
        public var startContainer: [Hook]?
        public var poststart: [Hook]?
        public var poststop: [Hook]?
        public init(
            prestart: [Hook]? = nil, createRuntime: [Hook]? = nil, createContainer: [Hook]? = nil,
            startContainer: [Hook]? = nil, poststart: [Hook]? = nil, poststop: [Hook]? = nil
        ) {
            self.prestart = prestart
            self.createRuntime = createRuntime
            self.createContainer = createContainer
            self.startContainer = startContainer
            self.poststart = poststart
            self.poststop = poststop
        }
    }

    public struct Hook: Codable, Hashable, Sendable {
        public var path: String
        public var args: [String]?
        public var env: [String]?
        /// Seconds.
        public var timeout: Int?
        public init(path: String, args: [String]? = nil, env: [String]? = nil, timeout: Int? = nil) {
            self.path = path
            self.args = args
            self.env = env
            self.timeout = timeout
        }
    }
}

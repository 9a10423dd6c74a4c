import Trace

/// The Docker Engine API v1.41 messages Glassbox's client and dockerd exchange (moby's
/// api/types: container.Config, container.HostConfig, the create and wait responses, the
/// error body). Field names are Docker's, capitalised as on the wire; unknown fields are
/// ignored when decoding, as Go's encoding/json does.
public enum EngineAPI {
    public static let version = "1.41"
    public static let minimumVersion = "1.12"
    /// The `Host` header the docker CLI sends over a UNIX socket.
    public static let host = "api.moby.localhost"
}

public struct ContainerConfig: Codable, Sendable {
    public var Hostname: String?
    public var Domainname: String?
    public var User: String?
    public var AttachStdin: Bool?
    public var AttachStdout: Bool?
    public var AttachStderr: Bool?
    public var Tty: Bool?
    public var OpenStdin: Bool?
    public var StdinOnce: Bool?
    public var Env: [String]?
    public var Cmd: [String]?
    public var Image: String?
    public var WorkingDir: String?
    public var Entrypoint: [String]?
    public var Labels: [String: String]?
    public var StopSignal: String?
    public var StopTimeout: Int?
    /// `"80/tcp": {}` and `"/data": {}`: sets written as objects with empty values.
    public var ExposedPorts: [String: JSONValueCodable]?
    public var Volumes: [String: JSONValueCodable]?
    public var OnBuild: [String]?

    public init(Image: String? = nil, Cmd: [String]? = nil) {
        self.Image = Image
        self.Cmd = Cmd
    }
}

public struct RestartPolicy: Codable, Sendable {
    public var Name: String?
    public var MaximumRetryCount: Int?
    public init(Name: String? = "no", MaximumRetryCount: Int? = 0) {
        self.Name = Name
        self.MaximumRetryCount = MaximumRetryCount
    }
}

public struct LogConfig: Codable, Sendable {
    public var `Type`: String?
    public var Config: [String: String]?
    public init(Type: String? = "json-file", Config: [String: String]? = [:]) {
        self.Type = Type
        self.Config = Config
    }
}

public struct HostConfig: Codable, Sendable {
    public var Binds: [String]?
    public var NetworkMode: String?
    public var RestartPolicy: RestartPolicy?
    public var AutoRemove: Bool?
    public var Privileged: Bool?
    public var ReadonlyRootfs: Bool?
    public var CapAdd: [String]?
    public var CapDrop: [String]?
    public var Memory: Int64?
    public var MemorySwap: Int64?
    public var NanoCpus: Int64?
    public var CpuShares: Int64?
    public var CpuQuota: Int64?
    public var CpuPeriod: Int64?
    public var PidsLimit: Int64?
    public var OomScoreAdj: Int?
    public var Init: Bool?
    public var ShmSize: Int64?
    public var LogConfig: LogConfig?
    public init() {}
}

/// `POST /containers/create`'s body: the container config with the host config inside.
public struct ContainerCreateRequest: Codable, Sendable {
    public var config: ContainerConfig
    public var hostConfig: HostConfig?

    public init(config: ContainerConfig, hostConfig: HostConfig?) {
        self.config = config
        self.hostConfig = hostConfig
    }

    enum ExtraKeys: String, CodingKey { case HostConfig }

    public init(from decoder: Decoder) throws {
        config = try ContainerConfig(from: decoder)
        let container = try decoder.container(keyedBy: ExtraKeys.self)
        hostConfig = try container.decodeIfPresent(HostConfig.self, forKey: .HostConfig)
    }

    public func encode(to encoder: Encoder) throws {
        try config.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        try container.encodeIfPresent(hostConfig, forKey: .HostConfig)
    }
}

public struct ContainerCreateResponse: Codable, Sendable {
    public var Id: String
    public var Warnings: [String]
    public init(Id: String, Warnings: [String] = []) {
        self.Id = Id
        self.Warnings = Warnings
    }
}

public struct ContainerWaitResponse: Codable, Sendable {
    public struct WaitError: Codable, Sendable {
        public var Message: String
        public init(Message: String) { self.Message = Message }
    }
    public var Error: WaitError?
    public var StatusCode: Int
    public init(StatusCode: Int, Error: WaitError? = nil) {
        self.StatusCode = StatusCode
        self.Error = Error
    }

    enum CodingKeys: String, CodingKey { case Error, StatusCode }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // Docker writes `"Error":null` when there is none.
        if let Error { try container.encode(Error, forKey: .Error) } else { try container.encodeNil(forKey: .Error) }
        try container.encode(StatusCode, forKey: .StatusCode)
    }
}

/// Every error answer: `{"message": "…"}`.
public struct ErrorResponse: Codable, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// One line of a streamed progress answer (moby pkg/jsonmessage): pull and import.
public struct JSONMessage: Codable, Sendable {
    public struct ProgressDetail: Codable, Sendable {
        public var current: Int64?
        public var total: Int64?
        public init(current: Int64? = nil, total: Int64? = nil) {
            self.current = current
            self.total = total
        }
    }
    public struct ErrorDetail: Codable, Sendable {
        public var message: String
        public init(message: String) { self.message = message }
    }
    public var status: String?
    public var progressDetail: ProgressDetail?
    public var progress: String?
    public var id: String?
    public var errorDetail: ErrorDetail?
    public var error: String?

    public init(status: String? = nil, id: String? = nil, progressDetail: ProgressDetail? = nil, error: String? = nil) {
        self.status = status
        self.id = id
        self.progressDetail = progressDetail
        if let error {
            self.error = error
            self.errorDetail = ErrorDetail(message: error)
        }
    }
}

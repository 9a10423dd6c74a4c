import Trace

/// `GET /containers/json`: one container of the list (moby api/types.Container). `SizeRw` and
/// `SizeRootFs` are absent unless `size=1` was asked for, as Docker leaves them out.
public struct ContainerSummary: Codable, Sendable {
    public struct HostConfigSummary: Codable, Sendable {
        public var NetworkMode: String
        public init(NetworkMode: String) { self.NetworkMode = NetworkMode }
    }
    public struct NetworkSettingsSummary: Codable, Sendable {
        public var Networks: [String: JSONValueCodable]
        public init(Networks: [String: JSONValueCodable] = [:]) { self.Networks = Networks }
    }
    public struct Port: Codable, Sendable {
        public var IP: String?
        public var PrivatePort: Int
        public var PublicPort: Int?
        public var `Type`: String
    }

    public var Id: String
    public var Names: [String]
    public var Image: String
    public var ImageID: String
    public var Command: String
    public var Created: Int64
    public var Ports: [Port]
    public var Labels: [String: String]
    public var State: String
    public var Status: String
    public var HostConfig: HostConfigSummary
    public var NetworkSettings: NetworkSettingsSummary
    public var Mounts: [JSONValueCodable]

    public init(Id: String, Names: [String], Image: String, ImageID: String, Command: String, Created: Int64,
                Labels: [String: String], State: String, Status: String, NetworkMode: String) {
        self.Id = Id
        self.Names = Names
        self.Image = Image
        self.ImageID = ImageID
        self.Command = Command
        self.Created = Created
        self.Ports = []
        self.Labels = Labels
        self.State = State
        self.Status = Status
        self.HostConfig = HostConfigSummary(NetworkMode: NetworkMode)
        self.NetworkSettings = NetworkSettingsSummary()
        self.Mounts = []
    }
}

/// `GET /containers/{id}/top`: `ps -ef`'s titles and one row of cells per process.
public struct ContainerTopResponse: Codable, Sendable {
    public var Titles: [String]
    public var Processes: [[String]]
    public init(Titles: [String], Processes: [[String]]) {
        self.Titles = Titles
        self.Processes = Processes
    }
}

/// `POST /containers/prune`.
public struct ContainersPruneResponse: Codable, Sendable {
    public var ContainersDeleted: [String]?
    public var SpaceReclaimed: Int64
    public init(ContainersDeleted: [String]?, SpaceReclaimed: Int64) {
        self.ContainersDeleted = ContainersDeleted
        self.SpaceReclaimed = SpaceReclaimed
    }

    enum CodingKeys: String, CodingKey { case ContainersDeleted, SpaceReclaimed }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // Docker writes `"ContainersDeleted":null` when nothing was removed.
        if let ContainersDeleted { try container.encode(ContainersDeleted, forKey: .ContainersDeleted) } else {
            try container.encodeNil(forKey: .ContainersDeleted)
        }
        try container.encode(SpaceReclaimed, forKey: .SpaceReclaimed)
    }
}

/// The `filters` query parameter (moby api/types/filters): a JSON object from a filter's name
/// to its values, either `{"name":["web"]}` or the older `{"name":{"web":true}}`.
public struct EngineFilters: Sendable, Equatable {
    public var values: [String: [String]]

    public init(_ values: [String: [String]] = [:]) { self.values = values }

    public init(parsing text: String?) throws {
        values = [:]
        guard let text, !text.isEmpty else { return }
        guard case let .object(members)? = try? JSONParser.parse(text) else {
            throw WireError.malformed("invalid filter: filters must be a JSON object, such as {\"name\":[\"web\"]}")
        }
        for (key, value) in members {
            switch value {
            case let .array(items):
                values[key] = try items.map {
                    guard let text = $0.stringValue else { throw WireError.malformed("invalid filter '\(key)': values must be strings") }
                    return text
                }
            case let .object(set):
                values[key] = set.compactMap { name, on in on == .bool(true) ? name : nil }
            default:
                throw WireError.malformed("invalid filter '\(key)': expected a list of strings")
            }
        }
    }

    public subscript(name: String) -> [String] { values[name] ?? [] }

    /// The JSON text the docker CLI sends.
    public var encoded: String {
        JSONValue.object(values.keys.sorted().map { key in (key, .array((values[key] ?? []).map { .string($0) })) }).serialized
    }
}

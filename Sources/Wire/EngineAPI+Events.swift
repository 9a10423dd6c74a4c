/// `GET /events`: one event (moby api/types/events.Message), with the pre-1.22 `status`, `id`
/// and `from` fields Docker still sends beside `Type`, `Action` and `Actor`.
public struct EventMessage: Codable, Sendable {
    public struct Actor: Codable, Sendable {
        public var ID: String
        public var Attributes: [String: String]
        public init(ID: String, Attributes: [String: String]) {
            self.ID = ID
            self.Attributes = Attributes
        }
    }

    public var status: String?
    public var id: String?
    public var from: String?
    public var `Type`: String
    public var Action: String
    public var Actor: Actor
    public var scope: String
    public var time: Int64
    public var timeNano: Int64

    public init(type: String, action: String, actor: Actor, timeNano: Int64) {
        self.Type = type
        self.Action = action
        self.Actor = actor
        self.scope = "local"
        self.time = timeNano / 1_000_000_000
        self.timeNano = timeNano
        if type == "container" || type == "image" {
            self.status = action
            self.id = actor.ID
            self.from = type == "container" ? actor.Attributes["image"] : nil
        }
    }
}

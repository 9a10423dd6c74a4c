/// `GET /images/json`: one image of the list (moby api/types.ImageSummary).
public struct ImageSummary: Codable, Sendable {
    public var Id: String
    public var ParentId: String
    public var RepoTags: [String]
    public var RepoDigests: [String]
    public var Created: Int64
    public var Size: Int64
    public var SharedSize: Int64
    public var VirtualSize: Int64
    public var Labels: [String: String]
    public var Containers: Int

    public init(Id: String, RepoTags: [String], Created: Int64, Size: Int64, Labels: [String: String]) {
        self.Id = Id
        self.ParentId = ""
        self.RepoTags = RepoTags
        self.RepoDigests = []
        self.Created = Created
        self.Size = Size
        self.SharedSize = -1
        self.VirtualSize = Size
        self.Labels = Labels
        self.Containers = -1
    }
}

/// `GET /images/{name}/history`: one layer's step, newest first (moby image.HistoryResponseItem).
public struct ImageHistoryItem: Codable, Sendable {
    public var Id: String
    public var Created: Int64
    public var CreatedBy: String
    public var Tags: [String]?
    public var Size: Int64
    public var Comment: String

    public init(Id: String, Created: Int64, CreatedBy: String, Tags: [String]?, Size: Int64, Comment: String) {
        self.Id = Id
        self.Created = Created
        self.CreatedBy = CreatedBy
        self.Tags = Tags
        self.Size = Size
        self.Comment = Comment
    }
}

/// `DELETE /images/{name}`: one line of what was untagged or deleted.
public struct ImageDeleteItem: Codable, Sendable {
    public var Untagged: String?
    public var Deleted: String?
    public init(Untagged: String? = nil, Deleted: String? = nil) {
        self.Untagged = Untagged
        self.Deleted = Deleted
    }
}

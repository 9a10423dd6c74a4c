/// The coding key the codec makes for itself: an array index ("Index 3", as Foundation names
/// it), a dictionary key, or "super".
struct JSONCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }

    init(index: Int) {
        self.stringValue = "Index \(index)"
        self.intValue = index
    }

    static let `super` = JSONCodingKey(stringValue: "super")
}

/// The path from the top of a document to the value being decoded, shared between parent and
/// child so that descending a level costs one small node rather than copying an array; the
/// `[CodingKey]` is made only when someone asks (an error, or `codingPath`).
indirect enum JSONCodingPathNode {
    case root
    case key(any CodingKey, JSONCodingPathNode)
    /// An array element: its key ("Index 3") is spelled out only when the path is asked for.
    case index(Int, JSONCodingPathNode)

    var path: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = self
        while true {
            switch node {
            case .root: return keys.reversed()
            case let .key(key, parent):
                keys.append(key)
                node = parent
            case let .index(index, parent):
                keys.append(JSONCodingKey(index: index))
                node = parent
            }
        }
    }

    func appending(_ key: any CodingKey) -> JSONCodingPathNode { .key(key, self) }

    func appending(index: Int) -> JSONCodingPathNode { .index(index, self) }
}

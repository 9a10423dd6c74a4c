import Wire

/// Containers/Get's answer.
struct GetContainerResponse: Codable, Sendable {
    var container: ContainerRecord
}

/// Containers/List's request: containerd's filter expressions (`labels."x"==y`), of which
/// Glassbox honours none and says so by answering every container.
struct ListContainersRequest: Codable, Sendable {
    var filters: [String]?
}

struct ListContainersResponse: Codable, Sendable {
    var containers: [ContainerRecord]
}

/// Version/Version's answer.
struct VersionResponse: Codable, Sendable {
    var version: String
    var revision: String
}

/// containerd's identifiers.Validate: 1-76 characters, alphanumeric runs joined by single
/// `.`, `_` or `-`.
enum Identifier {
    static let maximumLength = 76

    static func validate(_ id: String) throws {
        guard !id.isEmpty else { throw ContainerdError(.invalidArgument, "identifier must not be empty") }
        guard id.count <= maximumLength else {
            throw ContainerdError(.invalidArgument, "identifier \"\(id)\" greater than maximum length (\(maximumLength) characters)")
        }
        var previousWasSeparator = true
        for character in id.unicodeScalars {
            let isAlphanumeric = character.isASCII && (("a"..."z").contains(character) || ("A"..."Z").contains(character) || ("0"..."9").contains(character))
            let isSeparator = character == "." || character == "_" || character == "-"
            guard isAlphanumeric || (isSeparator && !previousWasSeparator) else { throw mismatch(id) }
            previousWasSeparator = isSeparator
        }
        if previousWasSeparator { throw mismatch(id) }
    }

    private static func mismatch(_ id: String) -> ContainerdError {
        ContainerdError(.invalidArgument, "identifier \"\(id)\" must match ^[A-Za-z0-9]+(?:[._-](?:[A-Za-z0-9]+))*$")
    }
}

import KernelInterface
import OCI
import Wire

extension ImageStore {
    /// Every image id with its tags (`name:tag`, sorted).
    var tagsByID: [String: [String]] {
        var tags: [String: [String]] = [:]
        for (_, named) in repositories { for (tag, id) in named { tags[id, default: []].append(tag) } }
        return tags.mapValues { $0.sorted() }
    }

    /// Finds an image as moby's GetImage does: a reference (`busybox`, `busybox:1.36`), else a
    /// full id (`sha256:…`) or a unique prefix of one. Answers the id and, when the text was a
    /// reference to a tag, that reference. Call holding the daemon's lock.
    func resolve(_ text: String) throws -> (id: Digest, reference: ImageReference?) {
        if let reference = try? ImageReference(parsing: text), let id = imageID(for: reference) {
            return (id, reference)
        }
        let hex = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
        if !hex.isEmpty, hex.allSatisfy({ $0.isHexDigit }) {
            let matches = Set(tagsByID.keys.filter { $0.dropFirst(7).hasPrefix(hex) }).union(untaggedIDs.filter { $0.dropFirst(7).hasPrefix(hex) })
            if matches.count == 1, let only = matches.first, let id = try? Digest(parsing: only) { return (id, nil) }
            if matches.count > 1 { throw DaemonError(.invalidParameter, "multiple images found with provided prefix: \(text)") }
        }
        if let reference = try? ImageReference(parsing: text) { throw DaemonError.noSuchImage(reference.familiarString) }
        throw DaemonError.noSuchImage(text)
    }

    /// Image ids whose configs are stored but that have no tag left (imported without a name).
    var untaggedIDs: [String] { Array(untagged) }

    /// Removes one tag (the image stays, perhaps with no tag left).
    func untag(_ reference: ImageReference, kernel: Kernel) throws {
        repositories[reference.familiarName]?[reference.familiarString] = nil
        if repositories[reference.familiarName]?.isEmpty == true { repositories[reference.familiarName] = nil }
        try save(kernel: kernel)
    }

    /// Deletes an image's config and the layers no other image uses; answers the ids deleted
    /// (the image, then its layers' chain ids top first), as `docker rmi` lists them.
    func delete(_ id: Digest, kernel: Kernel) throws -> [String] {
        for (name, named) in repositories {
            for (tag, value) in named where value == id.description { repositories[name]?[tag] = nil }
            if repositories[name]?.isEmpty == true { repositories[name] = nil }
        }
        untagged.remove(id.description)
        try save(kernel: kernel)
        let configuration = try? configuration(id, kernel: kernel)
        try? kernel.unlink(configPath(id))
        var deleted = [id.description]
        guard let configuration else { return deleted }
        var inUse: Set<String> = []
        for other in Set(tagsByID.keys).union(untagged) {
            guard let otherID = try? Digest(parsing: other), let config = try? self.configuration(otherID, kernel: kernel) else { continue }
            inUse.formUnion(ImageStore.chainIDs(config.rootfs.diffIDs).map(\.encoded))
        }
        for chainID in ImageStore.chainIDs(configuration.rootfs.diffIDs).reversed() where !inUse.contains(chainID.encoded) {
            try? kernel.removeAll(layerRoot + "/" + chainID.encoded)
            deleted.append(chainID.description)
        }
        return deleted
    }

    /// The bytes of an image's unpacked layers (moby's image size), remembered per id.
    func size(_ id: Digest, configuration: ImageConfiguration, kernel: Kernel) -> Int64 {
        if let known = sizes[id.description] { return known }
        let total = layerDirectories(configuration).reduce(Int64(0)) { $0 + ((try? DiskUsage.bytes($1, kernel: kernel)) ?? 0) }
        sizes[id.description] = total
        return total
    }
}

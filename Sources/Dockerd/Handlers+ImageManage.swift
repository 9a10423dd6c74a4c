import KernelInterface
import OCI
import Wire

extension Handlers {
    /// `POST /images/{name}/tag?repo=REPO&tag=TAG`: 201, and an `image tag` event.
    func tagImage(_ source: String) throws {
        guard let repository = request.queryValue("repo"), !repository.isEmpty else {
            throw DaemonError(.invalidParameter, "repository name (repo) is required to tag an image")
        }
        let tag = request.queryValue("tag") ?? ""
        let target: ImageReference
        do { target = try ImageReference(parsing: tag.isEmpty ? repository : repository + ":" + tag) } catch {
            throw DaemonError(.invalidParameter, "\(error)")
        }
        if target.digest != nil { throw DaemonError(.invalidParameter, "refusing to create a tag with a digest reference") }
        let id = try daemon.lock.withLock { () throws -> Digest in
            let id = try daemon.images.resolve(source).id
            try daemon.images.tag(target, id: id, kernel: kernel)
            return id
        }
        daemon.record(type: "image", action: "tag", id: id.description, attributes: ["name": target.familiarString], kernel: kernel)
        exchange.respond(status: 201)
    }

    /// `DELETE /images/{name}?force=1` (moby daemon/images/image_delete.go): a tag is
    /// untagged; the image itself is deleted when no tag is left (or when named by id with one
    /// tag, or with `force`), unless a container uses it: 409, and with `force` still 409 for
    /// a running one.
    func deleteImage(_ reference: String) throws {
        let force = flag("force")
        let (items, id) = try daemon.lock.withLock { () throws -> ([ImageDeleteItem], Digest) in
            let (id, named) = try daemon.images.resolve(reference)
            let tags = daemon.images.tagsByID[id.description] ?? []
            let users = daemon.containers.values.filter { $0.imageID == id.description && !$0.removed }
            var items: [ImageDeleteItem] = []
            var untagOnly: [ImageReference] = []
            if let named, tags.count > 1 {
                untagOnly = [named]
            } else if named == nil, tags.count > 1, !force {
                throw DaemonError(.conflict, "conflict: unable to delete \(id.shortID) (must be forced) - image is referenced in multiple repositories")
            }
            if untagOnly.isEmpty {
                if let running = users.first(where: { $0.status == .running }) {
                    throw DaemonError(.conflict, "conflict: unable to delete \(id.shortID) (cannot be forced) - image is being used by running container \(running.shortID)")
                }
                if let user = users.first, !force {
                    let what = named.map { "remove repository reference \"\($0.familiarString)\"" } ?? "delete \(id.shortID)"
                    throw DaemonError(.conflict, "conflict: unable to \(what) (must force) - container \(user.shortID) is using its referenced image \(id.shortID)")
                }
            }
            for untag in untagOnly {
                try daemon.images.untag(untag, kernel: kernel)
                items.append(ImageDeleteItem(Untagged: untag.familiarString))
            }
            if untagOnly.isEmpty {
                items += tags.map { ImageDeleteItem(Untagged: $0) }
                items += try daemon.images.delete(id, kernel: kernel).map { ImageDeleteItem(Deleted: $0) }
            }
            return (items, id)
        }
        for item in items {
            if let untagged = item.Untagged {
                daemon.record(type: "image", action: "untag", id: id.description, attributes: ["name": untagged], kernel: kernel)
            } else if item.Deleted == id.description {
                daemon.record(type: "image", action: "delete", id: id.description, attributes: ["name": id.description], kernel: kernel)
            }
        }
        try respondJSON(200, items)
    }
}

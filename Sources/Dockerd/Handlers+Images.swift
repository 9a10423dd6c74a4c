import KernelInterface
import OCI
import Wire

extension Handlers {
    /// `POST /images/create?fromImage=NAME&tag=TAG`: pulls, streaming JSON progress lines
    /// (moby pkg/jsonmessage). Errors after the stream began travel as an `error` line, as
    /// Docker sends them.
    func createImage() throws {
        guard let from = request.queryValue("fromImage"), !from.isEmpty else {
            if request.queryValue("fromSrc") != nil { return try importImage() }
            throw DaemonError(.invalidParameter, "fromImage or fromSrc is required: POST /images/create?fromImage=NAME&tag=TAG")
        }
        var text = from
        if let tag = request.queryValue("tag"), !tag.isEmpty { text += (tag.hasPrefix("sha256:") ? "@" : ":") + tag }
        let reference: ImageReference
        do { reference = try ImageReference(parsing: text) } catch { throw DaemonError(.invalidParameter, "\(error)") }
        try exchange.startChunked(headers: [("Content-Type", "application/json")])
        let puller = Puller(kernel: kernel, store: daemon.images, registry: daemon.registryAddress) { message in
            try exchange.writeChunk(JSONCoding.encode(message) + Array("\r\n".utf8))
        }
        do {
            let id = try puller.pull(reference)
            daemon.record(type: "image", action: "pull", id: reference.familiarString, attributes: ["name": reference.familiarName], kernel: kernel,
                          trace: [("image", .string(id.description))])
        } catch {
            let failure = DaemonError.from(error)
            try exchange.writeChunk(JSONCoding.encode(JSONMessage(error: failure.message)) + Array("\r\n".utf8))
        }
    }

    /// `GET /images/json`: every tagged image, newest first, with its config's creation time
    /// and its layers' size.
    func listImages() throws {
        let (tags, untagged) = daemon.lock.withLock { (daemon.images.tagsByID, daemon.images.untaggedIDs) }
        var summaries: [ImageSummary] = []
        for id in Set(tags.keys).union(untagged) {
            guard let digest = try? Digest(parsing: id), let configuration = try? daemon.images.configuration(digest, kernel: kernel) else { continue }
            let size = daemon.lock.withLock { daemon.images.size(digest, configuration: configuration, kernel: kernel) }
            summaries.append(ImageSummary(
                Id: id, RepoTags: tags[id] ?? ["<none>:<none>"], Created: Handlers.created(configuration),
                Size: size, Labels: configuration.config?.labels ?? [:]
            ))
        }
        summaries.sort { ($0.Created, $0.Id) > ($1.Created, $1.Id) }
        try respondJSON(200, summaries)
    }

    /// An image config's `created` in Unix seconds (0 when absent or unreadable).
    static func created(_ configuration: ImageConfiguration) -> Int64 {
        (configuration.created.flatMap(RFC3339.parse) ?? 0) / 1_000_000_000
    }
}

import KernelInterface
import OCI
import Wire

extension Handlers {
    /// `POST /images/create?fromImage=NAME&tag=TAG`: pulls, streaming JSON progress lines
    /// (moby pkg/jsonmessage). Errors after the stream began travel as an `error` line, as
    /// Docker sends them.
    func createImage() throws {
        guard let from = request.queryValue("fromImage"), !from.isEmpty else {
            throw DaemonError(.invalidParameter, "fromImage is required: POST /images/create?fromImage=NAME&tag=TAG (importing with fromSrc is not supported yet)")
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
            _ = try puller.pull(reference)
        } catch {
            let failure = DaemonError.from(error)
            try exchange.writeChunk(JSONCoding.encode(JSONMessage(error: failure.message)) + Array("\r\n".utf8))
        }
    }

    struct ImageSummary: Codable {
        var Id: String
        var ParentId: String
        var RepoTags: [String]
        var RepoDigests: [String]
        var Created: Int64
        var Size: Int64
        var SharedSize: Int64
        var VirtualSize: Int64
        var Labels: [String: String]
        var Containers: Int
    }

    /// `GET /images/json`.
    func listImages() throws {
        let repositories = daemon.lock.withLock { daemon.images.repositories }
        var tagsByID: [String: [String]] = [:]
        for (_, tags) in repositories { for (tag, id) in tags { tagsByID[id, default: []].append(tag) } }
        let summaries = tagsByID.keys.sorted().map { id in
            ImageSummary(Id: id, ParentId: "", RepoTags: (tagsByID[id] ?? []).sorted(), RepoDigests: [], Created: 0,
                         Size: 0, SharedSize: -1, VirtualSize: 0, Labels: [:], Containers: -1)
        }
        try respondJSON(200, summaries)
    }
}

import KernelInterface
import OCI
import Trace
import Wire

extension Handlers {
    /// `GET /images/{name}/json` (moby daemon/images/image_inspect.go), with Docker's fields.
    func inspectImage(_ reference: String) throws {
        let (id, tags) = try daemon.lock.withLock { () throws -> (Digest, [String]) in
            let id = try daemon.images.resolve(reference).id
            return (id, daemon.images.tagsByID[id.description] ?? [])
        }
        let configuration = try daemon.images.configuration(id, kernel: kernel)
        let size = daemon.lock.withLock { daemon.images.size(id, configuration: configuration, kernel: kernel) }
        let layers = daemon.images.layerDirectories(configuration)
        var graph: [(String, JSONValue)] = [("MergedDir", .null), ("UpperDir", .null), ("WorkDir", .null)]
        if let top = layers.last {
            graph = [("UpperDir", .string(top)), ("WorkDir", .string(String(top.dropLast("/diff".count)) + "/work"))]
            if layers.count > 1 { graph.insert(("LowerDir", .string(layers.dropLast().reversed().joined(separator: ":"))), at: 0) }
        }
        let answer: JSONValue = .object([
            ("Id", .string(id.description)), ("RepoTags", .array(tags.map { .string($0) })), ("RepoDigests", .array([])),
            ("Parent", .string("")), ("Comment", .string(configuration.history?.last?.comment ?? "")),
            ("Created", .string(configuration.created ?? ContainerInspection.zeroTime)), ("Container", .string("")),
            ("ContainerConfig", Handlers.imageConfig(nil)), ("DockerVersion", .string("")),
            ("Author", .string(configuration.author ?? "")), ("Config", Handlers.imageConfig(configuration.config)),
            ("Architecture", .string(configuration.architecture)), ("Os", .string(configuration.os)),
            ("Size", .int(size)), ("VirtualSize", .int(size)),
            ("GraphDriver", .object([("Data", .object(graph)), ("Name", .string("overlay2"))])),
            ("RootFS", .object([("Type", .string("layers")), ("Layers", .array(configuration.rootfs.diffIDs.map { .string($0.description) }))])),
            ("Metadata", .object([("LastTagTime", .string(ContainerInspection.zeroTime))])),
        ])
        exchange.respond(HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]),
                                      body: Array((answer.serialized + "\n").utf8)))
    }

    /// An image's container config in the Engine API's shape (capitalised keys, nulls kept).
    static func imageConfig(_ config: ImageConfiguration.Config?) -> JSONValue {
        let strings = ContainerInspection.strings
        return .object([
            ("Hostname", .string("")), ("Domainname", .string("")), ("User", .string(config?.user ?? "")),
            ("AttachStdin", .bool(false)), ("AttachStdout", .bool(false)), ("AttachStderr", .bool(false)),
            ("Tty", .bool(false)), ("OpenStdin", .bool(false)), ("StdinOnce", .bool(false)),
            ("Env", strings(config?.env)), ("Cmd", strings(config?.cmd)), ("Image", .string("")),
            ("Volumes", config?.volumes.map { .object($0.keys.sorted().map { ($0, .object([])) }) } ?? .null),
            ("WorkingDir", .string(config?.workingDir ?? "")), ("Entrypoint", strings(config?.entrypoint)),
            ("OnBuild", .null),
            ("Labels", config?.labels.map { .object($0.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }) } ?? .null),
        ])
    }

    /// `GET /images/{name}/history`: the config's history, newest first; the top step
    /// carries the image's id and tags, the others `<missing>` (as for a pulled image).
    func imageHistory(_ reference: String) throws {
        let (id, tags) = try daemon.lock.withLock { () throws -> (Digest, [String]) in
            let id = try daemon.images.resolve(reference).id
            return (id, daemon.images.tagsByID[id.description] ?? [])
        }
        let configuration = try daemon.images.configuration(id, kernel: kernel)
        let layers = daemon.images.layerDirectories(configuration)
        var layerIndex = 0
        var items: [ImageHistoryItem] = []
        for step in configuration.history ?? [] {
            var size: Int64 = 0
            if step.emptyLayer != true, layerIndex < layers.count {
                size = (try? DiskUsage.bytes(layers[layerIndex], kernel: kernel)) ?? 0
                layerIndex += 1
            }
            items.append(ImageHistoryItem(Id: "<missing>", Created: (step.created.flatMap(RFC3339.parse) ?? 0) / 1_000_000_000,
                                          CreatedBy: step.createdBy ?? "", Tags: nil, Size: size, Comment: step.comment ?? ""))
        }
        if items.isEmpty {
            items.append(ImageHistoryItem(Id: "<missing>", Created: Handlers.created(configuration), CreatedBy: "", Tags: nil,
                                          Size: daemon.lock.withLock { daemon.images.size(id, configuration: configuration, kernel: kernel) }, Comment: ""))
        }
        items.reverse()
        items[0].Id = id.description
        items[0].Tags = tags
        try respondJSON(200, items)
    }
}

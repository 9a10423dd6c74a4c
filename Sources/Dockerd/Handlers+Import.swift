import KernelInterface
import OCI
import Trace
import Wire

extension Handlers {
    /// `POST /images/create?fromSrc=-&repo=R&tag=T&changes=…&message=M` (moby
    /// daemon/images/image_import.go): the body is a root filesystem tar (perhaps gzip), which
    /// becomes a one-layer image whose config takes the Dockerfile `changes` (CMD, ENTRYPOINT,
    /// ENV, WORKDIR, USER, LABEL, EXPOSE, VOLUME, STOPSIGNAL). Answers the image id as a
    /// progress line, as Docker does.
    func importImage() throws {
        guard request.queryValue("fromSrc") == "-" else {
            throw DaemonError(.invalidParameter, "importing from a URL is not supported: send the tarball as the body with fromSrc=-")
        }
        var target: ImageReference?
        if let repository = request.queryValue("repo"), !repository.isEmpty {
            let tag = request.queryValue("tag") ?? ""
            do { target = try ImageReference(parsing: tag.isEmpty ? repository : repository + ":" + tag) } catch {
                throw DaemonError(.invalidParameter, "\(error)")
            }
        }
        var config = ImageConfiguration.Config()
        for (key, change) in request.query where key == "changes" && !change.isEmpty {
            try ImageChanges.apply(change, to: &config)
        }
        let body = request.body
        let tar: [UInt8]
        do {
            tar = body.starts(with: [0x1F, 0x8B]) ? try Gzip.decompress(body) : body
        } catch {
            throw DaemonError(.invalidParameter, "the import body is not a valid gzip stream: \(error)")
        }
        let diffID = Digest(of: tar)
        let directory = daemon.images.layerDirectory(chainID: diffID)
        if !kernel.exists(directory) { try unpackLayer(tar, into: String(directory.dropLast("/diff".count))) }
        let now = Timestamp.rfc3339(nanoseconds: kernel.clockGettime(.realtime))
        let message = request.queryValue("message") ?? ""
        let configuration = ImageConfiguration(
            created: now, config: config, rootfs: .init(diffIDs: [diffID]),
            history: [.init(created: now, createdBy: "", comment: message.isEmpty ? "Imported from -" : message)]
        )
        let bytes = configuration.encoded()
        let id = Digest(of: bytes)
        try kernel.writeFile(daemon.images.configPath(id), bytes, mode: 0o600)
        try daemon.lock.withLock {
            if let target { try daemon.images.tag(target, id: id, kernel: kernel) } else {
                daemon.images.untagged.insert(id.description)
                try daemon.images.save(kernel: kernel)
            }
        }
        daemon.record(type: "image", action: "import", id: id.description, attributes: ["name": target?.familiarString ?? id.description], kernel: kernel)
        try exchange.startChunked(headers: [("Content-Type", "application/json")])
        try exchange.writeChunk(JSONCoding.encode(JSONMessage(status: id.description)) + Array("\r\n".utf8))
    }

    /// Unpacks a layer into `<layer>/diff` through a staging directory renamed into place.
    func unpackLayer(_ tar: [UInt8], into layer: String) throws {
        let staging = layer + "-incomplete"
        try? kernel.removeAll(staging)
        try kernel.mkdirAll(staging + "/diff", mode: 0o755)
        do {
            try LayerApplier.apply(tar: tar, to: staging + "/diff", kernel: kernel, whiteouts: Puller.overlayWhiteouts)
            try kernel.rename(staging, layer)
        } catch {
            try? kernel.removeAll(staging)
            throw DaemonError(.invalidParameter, "the import body is not a valid layer tar: \(error)")
        }
    }
}

/// The Dockerfile instructions `docker import --change` accepts, applied to an image config as
/// moby's builder/dockerfile does for a commit.
enum ImageChanges {
    static func apply(_ change: String, to config: inout ImageConfiguration.Config) throws {
        let trimmed = change.trimmedSpaces
        let split = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        let instruction = split[0].uppercased()
        let argument = split.count > 1 ? split[1].trimmedSpaces : ""
        switch instruction {
        case "CMD": config.cmd = try command(argument)
        case "ENTRYPOINT": config.entrypoint = try command(argument)
        case "WORKDIR": config.workingDir = argument
        case "USER": config.user = argument
        case "STOPSIGNAL": config.stopSignal = argument
        case "ENV":
            for (key, value) in try pairs(argument, instruction: "ENV") {
                config.env = (config.env ?? []).filter { !$0.hasPrefix(key + "=") } + [key + "=" + value]
            }
        case "LABEL":
            for (key, value) in try pairs(argument, instruction: "LABEL") { config.labels = (config.labels ?? [:]).merging([key: value]) { $1 } }
        case "EXPOSE":
            for port in argument.split(separator: " ") {
                config.exposedPorts = (config.exposedPorts ?? [:]).merging([port.contains("/") ? String(port) : port + "/tcp": EmptyObject()]) { $1 }
            }
        case "VOLUME":
            for volume in try list(argument) { config.volumes = (config.volumes ?? [:]).merging([volume: EmptyObject()]) { $1 } }
        default:
            throw DaemonError(.invalidParameter, "\(split[0]) is not a valid change command")
        }
    }

    /// The exec form (`["sh","-c","x"]`) as is; the shell form wrapped in `/bin/sh -c`.
    static func command(_ argument: String) throws -> [String] {
        if argument.hasPrefix("[") { return try list(argument) }
        return ["/bin/sh", "-c", argument]
    }

    static func list(_ argument: String) throws -> [String] {
        guard argument.hasPrefix("[") else { return argument.split(separator: " ").map(String.init) }
        guard let items = (try? JSONParser.parse(argument))?.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
            throw DaemonError(.invalidParameter, "invalid JSON array in change: \(argument)")
        }
        return items.compactMap(\.stringValue)
    }

    /// `K=V K2=V2` or the old `K V` form.
    static func pairs(_ argument: String, instruction: String) throws -> [(String, String)] {
        guard argument.contains("=") else {
            let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw DaemonError(.invalidParameter, "\(instruction) needs a name and a value: \(argument)") }
            return [(parts[0], parts[1])]
        }
        return try argument.split(separator: " ").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw DaemonError(.invalidParameter, "\(instruction) names must be K=V: \(pair)") }
            var value = parts[1]
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return (parts[0], value)
        }
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmedSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}

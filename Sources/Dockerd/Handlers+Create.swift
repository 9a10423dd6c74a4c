import KernelInterface
import OCI
import Trace
import Wire

extension Handlers {
    /// `POST /containers/create[?name=…]` (moby daemon/create.go): checks the request, finds
    /// the image (404 "No such image" makes the client pull), reserves the name, and writes the
    /// container's directory and its read-write layer. Nothing is left behind on failure.
    func createContainer() throws {
        guard !request.body.isEmpty else { throw DaemonError(.invalidParameter, "config cannot be empty in order to create a container") }
        let body = try JSONCoding.decode(ContainerCreateRequest.self, from: request.body)
        let hostConfigJSON = (try? JSONParser.parse(request.body))?["HostConfig"] ?? .object([])
        guard let imageText = body.config.Image, !imageText.isEmpty else {
            throw DaemonError(.invalidParameter, "config.Image must name an image, for example \"hello-world\"")
        }
        let name = try validatedName(request.queryValue("name"))
        let reference: ImageReference
        do { reference = try ImageReference(parsing: imageText) } catch {
            throw DaemonError(.invalidParameter, "\(error)")
        }
        var tagged = reference
        if tagged.tag == nil && tagged.digest == nil { tagged.tag = ImageReference.defaultTag }
        guard let imageID = daemon.lock.withLock({ daemon.images.imageID(for: tagged) }) else {
            throw DaemonError.noSuchImage(tagged.familiarString)
        }
        let image = try daemon.images.configuration(imageID, kernel: kernel)
        let id = Trace.hexString(kernel.getrandom(32))
        let container = Container(
            id: id, name: name ?? NameGenerator.name(kernel: kernel), created: kernel.clockGettime(.realtime),
            config: Handlers.merged(body.config, image: image.config), hostConfig: body.hostConfig ?? HostConfig(), hostConfigJSON: hostConfigJSON,
            imageID: imageID.description, imageReference: tagged.familiarString,
            layerDirectories: daemon.images.layerDirectories(image), diskLock: kernel.makeLock()
        )
        try daemon.lock.withLock {
            if let holder = daemon.names[container.name] {
                throw DaemonError(.conflict, "Conflict. The container name \"/\(container.name)\" is already in use by container \"\(holder)\". You have to remove (or rename) that container to be able to reuse that name.")
            }
            daemon.names[container.name] = id
            daemon.containers[id] = container
        }
        do {
            try ContainerFiles(daemon: daemon, kernel: kernel).create(container)
        } catch {
            daemon.lock.withLock {
                daemon.names[container.name] = nil
                daemon.containers[id] = nil
            }
            try? ContainerFiles(daemon: daemon, kernel: kernel).remove(container)
            throw error
        }
        daemon.record("create", container: container, kernel: kernel, trace: [("name", .string(container.name))])
        try respondJSON(201, ContainerCreateResponse(Id: id))
    }

    /// moby's validContainerNamePattern: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`, with an optional slash.
    func validatedName(_ raw: String?) throws -> String? {
        guard var name = raw, !name.isEmpty else { return nil }
        if name.hasPrefix("/") { name.removeFirst() }
        let allowed = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "." || c == "-") }
        guard name.count >= 2, let first = name.first, first.isASCII, first.isLetter || first.isNumber, name.allSatisfy(allowed) else {
            throw DaemonError(.invalidParameter, "Invalid container name (\(raw ?? "")), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")
        }
        return name
    }

    /// The container's config with the image's defaults filled in (moby daemon/create.go's
    /// merge: Cmd and Entrypoint, Env appended to the image's, WorkingDir, User).
    static func merged(_ config: ContainerConfig, image: ImageConfiguration.Config?) -> ContainerConfig {
        var merged = config
        let imageEnv = image?.env ?? [Spec.defaultPathEnv]
        let own = config.Env ?? []
        let ownKeys = Set(own.map { String($0.split(separator: "=", maxSplits: 1).first ?? "") })
        merged.Env = imageEnv.filter { !ownKeys.contains(String($0.split(separator: "=", maxSplits: 1).first ?? "")) } + own
        if config.Entrypoint == nil {
            merged.Entrypoint = image?.entrypoint
            if config.Cmd == nil || config.Cmd?.isEmpty == true { merged.Cmd = image?.cmd }
        }
        if (config.WorkingDir ?? "").isEmpty { merged.WorkingDir = image?.workingDir ?? "" }
        if (config.User ?? "").isEmpty { merged.User = image?.user ?? "" }
        return merged
    }
}

/// Docker's names generator (moby pkg/namesgenerator): an adjective and a notable scientist or
/// engineer, drawn through the kernel's randomness so the simulator decides it.
enum NameGenerator {
    static let adjectives = [
        "admiring", "brave", "clever", "dazzling", "eager", "focused", "gallant", "happy", "inspiring",
        "jolly", "keen", "loving", "modest", "nifty", "optimistic", "peaceful", "quirky", "relaxed",
        "serene", "tender", "upbeat", "vibrant", "wizardly", "youthful", "zealous",
    ]
    static let surnames = [
        "almeida", "babbage", "curie", "darwin", "euclid", "feynman", "goldberg", "hopper", "hypatia",
        "jennings", "kepler", "lovelace", "meitner", "noether", "ritchie", "shannon", "thompson",
        "torvalds", "turing", "wilson", "wozniak", "yonath", "zhukovsky",
    ]

    static func name(kernel: Kernel) -> String {
        let bytes = kernel.getrandom(2)
        return adjectives[Int(bytes[0]) % adjectives.count] + "_" + surnames[Int(bytes[1]) % surnames.count]
    }
}

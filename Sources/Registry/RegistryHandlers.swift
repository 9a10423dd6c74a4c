import KernelInterface
import OCI
import Wire

/// Answers one distribution API request.
struct RegistryHandlers {
    let library: RegistryLibrary
    let exchange: HTTPExchange
    var kernel: Kernel { exchange.kernel }

    func handle() {
        let request = exchange.request
        guard request.method == "GET" || request.method == "HEAD" else {
            return error(405, "UNSUPPORTED", "this registry serves pulls only (GET and HEAD)")
        }
        let parts = request.path.split(separator: "/").map(String.init)
        guard parts.first == "v2" else { return error(404, "NOT_FOUND", "page not found") }
        if parts.count == 1 {
            return exchange.respond(HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Array("{}".utf8)))
        }
        guard parts.count >= 4 else { return error(404, "NOT_FOUND", "page not found") }
        let kind = parts[parts.count - 2]
        let reference = parts[parts.count - 1]
        let name = parts[1..<(parts.count - 2)].joined(separator: "/")
        guard let repository = library.repositories[name] else {
            return error(404, "NAME_UNKNOWN", "repository name not known to registry", detail: name)
        }
        switch kind {
        case "manifests": manifest(repository, reference)
        case "blobs": blob(repository, reference)
        default: error(404, "NOT_FOUND", "page not found")
        }
    }

    func manifest(_ repository: RegistryLibrary.Repository, _ reference: String) {
        let descriptor: Descriptor? = reference.hasPrefix("sha256:")
            ? repository.tags.values.first(where: { $0.digest.description == reference })
            : repository.tags[reference]
        guard let descriptor, let bytes = try? kernel.readFile(library.blobPath(repository, descriptor.digest)) else {
            return error(404, "MANIFEST_UNKNOWN", "manifest unknown", detail: reference)
        }
        send(bytes, type: descriptor.mediaType, digest: descriptor.digest)
    }

    func blob(_ repository: RegistryLibrary.Repository, _ reference: String) {
        guard let digest = try? Digest(parsing: reference) else {
            return error(400, "DIGEST_INVALID", "provided digest did not match uploaded content", detail: reference)
        }
        guard let bytes = try? kernel.readFile(library.blobPath(repository, digest)) else {
            return error(404, "BLOB_UNKNOWN", "blob unknown to registry", detail: reference)
        }
        send(bytes, type: "application/octet-stream", digest: digest)
    }

    func send(_ bytes: [UInt8], type: String, digest: Digest) {
        let headers = HTTPHeaders([
            ("Content-Type", type), ("Docker-Content-Digest", digest.description), ("Content-Length", String(bytes.count)),
        ])
        exchange.respond(HTTPResponse(status: 200, headers: headers, body: exchange.request.method == "HEAD" ? [] : bytes))
    }

    func error(_ status: Int, _ code: String, _ message: String, detail: String? = nil) {
        var body = "{\"errors\":[{\"code\":\"\(code)\",\"message\":\"\(message)\""
        if let detail { body += ",\"detail\":\"\(detail.jsonEscaped)\"" }
        body += "}]}"
        exchange.respond(status: status, json: body)
    }
}

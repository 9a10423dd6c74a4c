import KernelInterface
import OCI
import Trace
import Wire

/// Pulls an image from a registry with the distribution API, as moby's distribution/pull_v2.go:
///
///     dockerd                                   registry
///       │── GET /v2/ ────────────────────────────▶│ 200 (API version check)
///       │── GET /v2/<name>/manifests/<tag> ──────▶│ the manifest (or an index → per platform)
///       │── GET /v2/<name>/blobs/<config> ───────▶│ the image config
///       │── GET /v2/<name>/blobs/<layer> ────────▶│ each layer, verified against its digest
///
/// Every document and blob is checked against its digest before it is stored; each layer is
/// unpacked into a temporary directory and renamed into place, so a failed pull leaves no
/// half-made layer.
struct Puller {
    let kernel: Kernel
    let store: ImageStore
    let registry: SocketAddress
    let progress: (JSONMessage) throws -> Void

    static let manifestTypes = [MediaType.dockerManifest, MediaType.dockerManifestList, MediaType.ociManifest, MediaType.ociIndex]

    var http: HTTPClient {
        HTTPClient(kernel: kernel, address: registry, host: registry.description, userAgent: "Glassbox-dockerd/0.1 (linux)")
    }

    func pull(_ reference: ImageReference) throws -> Digest {
        let tag = reference.tag ?? reference.digest?.description ?? ImageReference.defaultTag
        try progress(JSONMessage(status: "Pulling from \(reference.path)", id: reference.digest == nil ? tag : nil))
        let ping = try fetch("/v2/")
        guard ping.status == 200 else {
            throw DaemonError(.unavailable, "registry \(registry) does not speak the distribution API v2 (GET /v2/ answered \(ping.statusLine))")
        }
        var (manifestBytes, mediaType, manifestDigest) = try fetchManifest(reference, tag: tag)
        if MediaType.isIndex(mediaType) {
            let index = try Index.decode(manifestBytes)
            guard let chosen = index.manifest(for: .linuxAMD64) else {
                throw DaemonError(.notFound, "no matching manifest for linux/amd64 in the manifest list entries")
            }
            (manifestBytes, mediaType, manifestDigest) = try fetchManifest(reference, tag: chosen.digest.description)
        }
        let manifest = try Manifest.decode(manifestBytes)
        let configBytes = try fetchBlob(reference, manifest.config)
        let configuration = try ImageConfiguration.decode(configBytes)
        let imageID = manifest.config.digest
        guard configuration.rootfs.diffIDs.count == manifest.layers.count else {
            throw DaemonError(.system, "image config lists \(configuration.rootfs.diffIDs.count) layers but the manifest \(manifest.layers.count)")
        }
        let existed = store.imageID(for: reference) == imageID
        let chainIDs = ImageStore.chainIDs(configuration.rootfs.diffIDs)
        for (index, layer) in manifest.layers.enumerated() {
            try pullLayer(reference, layer, diffID: configuration.rootfs.diffIDs[index], chainID: chainIDs[index])
        }
        try kernel.writeFile(store.configPath(imageID), configBytes, mode: 0o600)
        try kernel.writeFile(store.blobPath(manifestDigest), manifestBytes, mode: 0o600)
        var tagged = reference
        if tagged.tag == nil && tagged.digest == nil { tagged.tag = ImageReference.defaultTag }
        try store.tag(tagged, id: imageID, kernel: kernel)
        try progress(JSONMessage(status: "Digest: \(manifestDigest)"))
        try progress(JSONMessage(status: existed
            ? "Status: Image is up to date for \(tagged.familiarString)"
            : "Status: Downloaded newer image for \(tagged.familiarString)"))
        return imageID
    }

    /// overlayfs whiteouts (moby's overlay2 driver unpacks with containerd's `OverlayConvertWhiteout`):
    /// an opaque directory is marked with the extended attribute `trusted.overlay.opaque=y`,
    /// which hides what the layers below have in it.
    static let overlayWhiteouts = WhiteoutFormat.overlay(markOpaque: { directory, kernel in
        do {
            try kernel.setxattr(directory, "trusted.overlay.opaque", Array("y".utf8))
        } catch let errno as Errno {
            throw DaemonError(.system, "failed to mark \(directory) opaque (setxattr trusted.overlay.opaque): \(errno.message): the data root's file system must keep trusted extended attributes, as overlayfs needs")
        }
    })

    func fetch(_ target: String, accept: [String] = []) throws -> HTTPResponse {
        do {
            return try http.send("GET", target, headers: accept.isEmpty ? [] : [("Accept", accept.joined(separator: ", "))])
        } catch let error as Errno {
            throw DaemonError(.unavailable, "cannot reach the registry at \(registry): \(error.message)")
        }
    }

    func fetchManifest(_ reference: ImageReference, tag: String) throws -> ([UInt8], String, Digest) {
        let response = try fetch("/v2/\(reference.path)/manifests/\(tag)", accept: Puller.manifestTypes)
        if response.status == 404 {
            let body = String(decoding: response.body, as: UTF8.self)
            if body.contains("MANIFEST_UNKNOWN") {
                throw DaemonError(.notFound, "manifest for \(reference.familiarName):\(tag) not found: manifest unknown: manifest unknown")
            }
            throw DaemonError(.notFound, "pull access denied for \(reference.familiarName), repository does not exist or may require 'docker login': denied: requested access to the resource is denied")
        }
        guard response.status == 200 else {
            throw DaemonError(.system, "registry answered \(response.statusLine) for the manifest of \(reference.familiarName):\(tag)")
        }
        let digest = Digest(of: response.body)
        if let claimed = response.headers["Docker-Content-Digest"], claimed != digest.description {
            throw DaemonError(.system, "manifest verification failed: the registry says \(claimed) but the content is \(digest)")
        }
        if tag.hasPrefix("sha256:"), tag != digest.description {
            throw DaemonError(.system, "manifest verification failed for digest \(tag)")
        }
        let mediaType = response.headers["Content-Type"] ?? MediaType.dockerManifest
        return (response.body, mediaType, digest)
    }

    /// A blob, as large as its manifest says it is: the body may be larger than the 64 MiB any
    /// other answer is allowed (a layer often is), but not larger than the descriptor's size.
    func fetchBlob(_ reference: ImageReference, _ descriptor: Descriptor) throws -> [UInt8] {
        guard descriptor.size >= 0, descriptor.size <= Int64(Int.max) else {
            throw DaemonError(.system, "blob \(descriptor.digest) has an invalid size \(descriptor.size)")
        }
        let body: [UInt8]
        do {
            let exchange = try http.open("GET", "/v2/\(reference.path)/blobs/\(descriptor.digest)")
            defer { exchange.connection.close() }
            guard exchange.status == 200 else {
                throw DaemonError(.system, "registry answered \(exchange.status) \(exchange.reason) for blob \(descriptor.digest)")
            }
            body = try exchange.readBody(limit: Int(descriptor.size))
        } catch let error as Errno {
            throw DaemonError(.unavailable, "cannot reach the registry at \(registry): \(error.message)")
        } catch let error as WireError {
            throw DaemonError(.system, "filesystem layer verification failed for digest \(descriptor.digest): \(error)")
        }
        guard Int64(body.count) == descriptor.size, Digest(of: body) == descriptor.digest else {
            throw DaemonError(.system, "filesystem layer verification failed for digest \(descriptor.digest)")
        }
        return body
    }

    func pullLayer(_ reference: ImageReference, _ layer: Descriptor, diffID: Digest, chainID: Digest) throws {
        let id = layer.digest.shortID
        let directory = store.layerDirectory(chainID: chainID)
        if kernel.exists(directory) {
            try progress(JSONMessage(status: "Already exists", id: id, progressDetail: JSONMessage.ProgressDetail()))
            return
        }
        try progress(JSONMessage(status: "Pulling fs layer", id: id, progressDetail: JSONMessage.ProgressDetail()))
        let blob = try fetchBlob(reference, layer)
        try progress(JSONMessage(status: "Verifying Checksum", id: id, progressDetail: JSONMessage.ProgressDetail()))
        try progress(JSONMessage(status: "Download complete", id: id, progressDetail: JSONMessage.ProgressDetail()))
        try kernel.writeFile(store.blobPath(layer.digest), blob, mode: 0o600)
        let tar = MediaType.isGzipLayer(layer.mediaType) ? try Gzip.decompress(blob) : blob
        guard Digest(of: tar) == diffID else {
            throw DaemonError(.system, "layer \(layer.digest) does not match diff id \(diffID) of the image config")
        }
        try progress(JSONMessage(status: "Extracting", id: id, progressDetail: JSONMessage.ProgressDetail(current: Int64(tar.count), total: Int64(tar.count))))
        let parent = String(directory.dropLast("/diff".count))
        let staging = parent + "-incomplete"
        try? kernel.removeAll(staging)
        try kernel.mkdirAll(staging + "/diff", mode: 0o755)
        do {
            try LayerApplier.apply(tar: tar, to: staging + "/diff", kernel: kernel, whiteouts: Puller.overlayWhiteouts)
            try kernel.rename(staging, parent)
        } catch {
            try? kernel.removeAll(staging)
            throw DaemonError(.system, "failed to register layer: \(error)")
        }
        try progress(JSONMessage(status: "Pull complete", id: id, progressDetail: JSONMessage.ProgressDetail()))
    }
}

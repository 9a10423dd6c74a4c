/// Media types of the OCI image-spec (media-types.md) and of Docker's image manifest v2
/// schema 2, the two families a registry serves and containerd accepts.
public enum MediaType {
    // OCI image-spec 1.0.
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"
    public static let ociLayer = "application/vnd.oci.image.layer.v1.tar"
    public static let ociLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip"
    public static let ociLayout = "application/vnd.oci.layout.header.v1+json"

    // Docker image manifest v2, schema 2.
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    public static let dockerLayer = "application/vnd.docker.image.rootfs.diff.tar"
    public static let dockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip"

    /// Whether a layer of this type is gzip-compressed.
    public static func isGzipLayer(_ mediaType: String) -> Bool {
        mediaType == ociLayerGzip || mediaType == dockerLayerGzip
    }

    /// Whether this is a layer type this module can unpack (plain or gzip tar).
    public static func isLayer(_ mediaType: String) -> Bool {
        [ociLayer, ociLayerGzip, dockerLayer, dockerLayerGzip].contains(mediaType)
    }

    /// Whether a document of this type lists manifests per platform.
    public static func isIndex(_ mediaType: String) -> Bool {
        mediaType == ociIndex || mediaType == dockerManifestList
    }

    /// Whether a document of this type is a single-platform manifest.
    public static func isManifest(_ mediaType: String) -> Bool {
        mediaType == ociManifest || mediaType == dockerManifest
    }
}

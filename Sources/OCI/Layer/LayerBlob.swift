/// A layer blob as a registry or content store holds it, and the tar inside it.
public enum LayerBlob {
    /// The uncompressed tar of a layer blob: gunzipped when `mediaType` says tar+gzip (or the
    /// bytes start with gzip's magic, as containerd's `DetectCompression` checks), as is
    /// otherwise. Refuses media types that are not layers.
    public static func uncompressed(_ blob: [UInt8], mediaType: String) throws -> [UInt8] {
        guard MediaType.isLayer(mediaType) else {
            throw OCIError.invalidArchive("unsupported layer media type \(mediaType)")
        }
        return MediaType.isGzipLayer(mediaType) || Gzip.isGzip(blob) ? try Gzip.decompress(blob) : blob
    }

    /// The layer's diff id (`rootfs.diff_ids`): the digest of its uncompressed tar.
    public static func diffID(_ blob: [UInt8], mediaType: String) throws -> Digest {
        Digest(of: try uncompressed(blob, mediaType: mediaType))
    }
}

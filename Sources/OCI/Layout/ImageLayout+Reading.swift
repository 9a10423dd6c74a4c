import KernelInterface

/// Reading an OCI image layout directory back through `Kernel` (image-layout.md): the
/// `oci-layout` version check, `index.json`, and blobs under `blobs/<algorithm>/<hex>`, each
/// verified against its digest on read as containerd's content store verifies on commit.
extension ImageLayout {
    /// `index.json` of the layout at `directory`, after checking `oci-layout` says 1.0.0.
    public static func readIndex(from directory: String, kernel: Kernel) throws -> Index {
        struct Header: Decodable { let imageLayoutVersion: String }
        let header = try OCIJSON.decode(Header.self, from: kernel.readFile(joinPath(directory, "oci-layout")))
        guard header.imageLayoutVersion == "1.0.0" else {
            throw OCIError.invalidJSON("unsupported image layout version \(header.imageLayoutVersion)")
        }
        return try Index.decode(kernel.readFile(joinPath(directory, "index.json")))
    }

    /// The blob `digest` of the layout at `directory`, verified.
    public static func readBlob(_ digest: Digest, from directory: String, kernel: Kernel) throws -> [UInt8] {
        let bytes = try kernel.readFile(joinPath(directory, blobPath(digest)))
        let actual = Digest(of: bytes)
        guard actual == digest else { throw OCIError.digestMismatch(expected: digest, actual: actual) }
        return bytes
    }

    /// `blobs/sha256/<hex>`, relative to the layout directory.
    public static func blobPath(_ digest: Digest) -> String {
        "blobs/\(digest.algorithm)/\(digest.encoded)"
    }
}

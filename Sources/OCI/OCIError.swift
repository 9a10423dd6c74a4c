import KernelInterface

/// The errors of the OCI module: malformed content (digests, references, archives, compressed
/// streams, JSON) and unsafe layer contents. Each carries the words Docker, containerd or Go's
/// archive packages use for the same failure, so the message a person reads matches upstream.
public enum OCIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A digest that is not `sha256:<64 hex>` (go-digest's `ErrDigestInvalidFormat`…).
    case invalidDigest(String, reason: String)
    /// Bytes whose digest is not the one that named them.
    case digestMismatch(expected: Digest, actual: Digest)
    /// A reference that distribution/reference rejects; `reason` is its error text.
    case invalidReference(String, reason: String)
    /// A tar archive that Go's archive/tar would reject.
    case invalidArchive(String)
    /// A gzip or deflate stream that cannot be decoded.
    case invalidCompressedData(String)
    /// An archive entry that would land outside the target directory (archive.Apply's
    /// "breakout" check).
    case unsafePath(String, reason: String)
    /// JSON that does not decode as the type it should be.
    case invalidJSON(String)
    /// A filesystem call that failed while applying a layer: the call, the path, the errno.
    case applyFailed(operation: String, path: String, errno: Errno)

    public var description: String {
        switch self {
        case let .invalidDigest(text, reason): return "\(reason): \(text)"
        case let .digestMismatch(expected, actual): return "digest mismatch: expected \(expected), got \(actual)"
        case let .invalidReference(_, reason): return reason
        case let .invalidArchive(reason): return "archive/tar: \(reason)"
        case let .invalidCompressedData(reason): return "gzip: \(reason)"
        case let .unsafePath(path, reason): return "\(reason): \(path)"
        case let .invalidJSON(reason): return "invalid JSON: \(reason)"
        case let .applyFailed(operation, path, errno): return "apply layer: \(operation) \(path): \(errno.message)"
        }
    }
}

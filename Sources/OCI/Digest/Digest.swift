/// A content address, `algorithm:encoded` (`sha256:` and 64 lower-case hex digits), as the OCI
/// image-spec's descriptor.md defines it and opencontainers/go-digest validates it.
///
/// Only `sha256` is accepted: it is the one algorithm Docker, containerd and registries require
/// and the one this module can compute.
public struct Digest: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// `sha256`.
    public let algorithm: String
    /// The 64 hex digits.
    public let encoded: String

    /// Parses and validates `sha256:<64 lower-case hex>`.
    public init(parsing text: String) throws {
        guard let colon = text.firstIndex(of: ":") else {
            throw OCIError.invalidDigest(text, reason: "invalid checksum digest format")
        }
        let algorithm = String(text[..<colon])
        let encoded = String(text[text.index(after: colon)...])
        guard algorithm == "sha256" else {
            throw OCIError.invalidDigest(text, reason: "unsupported digest algorithm")
        }
        guard encoded.utf8.count == 64,
              encoded.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else {
            throw OCIError.invalidDigest(text, reason: "invalid checksum digest length")
        }
        self.algorithm = algorithm
        self.encoded = encoded
    }

    /// The sha256 digest of `bytes`.
    public init<Bytes: Collection>(of bytes: Bytes) where Bytes.Element == UInt8 {
        self.init(sha256: SHA256.hash(bytes))
    }

    /// The digest whose raw 32 bytes are `sha256`.
    public init(sha256 raw: [UInt8]) {
        precondition(raw.count == 32, "a sha256 digest is 32 bytes")
        self.algorithm = "sha256"
        self.encoded = hexString(raw)
    }

    /// `sha256:…`.
    public var description: String { algorithm + ":" + encoded }

    /// The first 12 hex digits, as `docker images` shows an id.
    public var shortID: String { String(encoded.prefix(12)) }

    public static func < (a: Digest, b: Digest) -> Bool { a.description < b.description }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(parsing: try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

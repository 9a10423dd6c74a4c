/// An image name as Docker reads it: `[domain/]path[:tag][@digest]`, normalised the way
/// docker/distribution's `reference.ParseNormalizedNamed` and `TagNameOnly` do, so
/// `hello-world` is `docker.io/library/hello-world:latest`.
public struct ImageReference: Hashable, Sendable, CustomStringConvertible {
    /// The registry host, with port: `docker.io`, `localhost:5000`.
    public var domain: String
    /// The repository path: `library/hello-world`.
    public var path: String
    public var tag: String?
    public var digest: Digest?

    public static let defaultDomain = "docker.io"
    public static let officialRepositoryPrefix = "library/"
    public static let defaultTag = "latest"

    public init(domain: String, path: String, tag: String? = nil, digest: Digest? = nil) {
        self.domain = domain
        self.path = path
        self.tag = tag
        self.digest = digest
    }

    /// Parses and normalises `text` as `docker pull` and `docker run` do: the default domain
    /// and `library/` are filled in, and a reference with neither tag nor digest gets `latest`.
    public init(parsing text: String) throws {
        self = try ImageReference.parseNormalized(text)
        if tag == nil && digest == nil { tag = ImageReference.defaultTag }
    }

    /// `docker.io/library/hello-world`.
    public var name: String { domain + "/" + path }

    /// `docker.io/library/hello-world:latest`, `localhost:5000/x/y@sha256:…`.
    public var description: String {
        var text = name
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest.description }
        return text
    }

    /// The name as Docker shows it (`reference.FamiliarName`): `hello-world`, `user/app`,
    /// `localhost:5000/x/y`.
    public var familiarName: String {
        guard domain == ImageReference.defaultDomain else { return name }
        if path.hasPrefix(ImageReference.officialRepositoryPrefix),
           !path.dropFirst(ImageReference.officialRepositoryPrefix.count).contains("/") {
            return String(path.dropFirst(ImageReference.officialRepositoryPrefix.count))
        }
        return path
    }

    /// `reference.FamiliarString`: `hello-world:latest`.
    public var familiarString: String {
        var text = familiarName
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest.description }
        return text
    }

    /// The host to contact for this reference's registry: Docker Hub's API is served by
    /// `registry-1.docker.io`, every other domain by itself.
    public var registryHost: String {
        domain == ImageReference.defaultDomain ? "registry-1.docker.io" : domain
    }
}

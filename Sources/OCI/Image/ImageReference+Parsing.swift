/// The grammar of docker/distribution's reference/regexp.go, written as small matchers:
///
///     reference       := name [ ":" tag ] [ "@" digest ]
///     name            := [domain "/"] path-component ["/" path-component]*
///     domain          := domain-component ["." domain-component]* [":" port-number]
///     domain-component:= /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
///     path-component  := alpha-numeric [separator alpha-numeric]*
///     alpha-numeric   := /[a-z0-9]+/
///     separator       := /[_.]|__|[-]*/
///     tag             := /[\w][\w.-]{0,127}/
extension ImageReference {
    static let invalidFormat = "invalid reference format"
    static let mustBeLowercase = "invalid reference format: repository name must be lowercase"
    static let nameTotalLengthMax = 255

    /// `reference.ParseNormalizedNamed`: split the domain as `splitDockerDomain` does, refuse
    /// upper case in the repository, then parse strictly.
    static func parseNormalized(_ text: String) throws -> ImageReference {
        if text.utf8.count == 64, text.utf8.allSatisfy(isLowerHex) {
            throw OCIError.invalidReference(
                text, reason: "invalid repository name (\(text)), cannot specify 64-byte hexadecimal strings"
            )
        }
        let (domain, remainder) = splitDockerDomain(text)
        let remoteName = remainder.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? remainder
        if remoteName.lowercased() != remoteName {
            throw OCIError.invalidReference(text, reason: mustBeLowercase)
        }
        return try parse(domain + "/" + remainder, original: text)
    }

    /// `splitDockerDomain`: the first component is a domain only if it has a `.` or `:`, or
    /// is `localhost`, or has upper case; otherwise the reference is on Docker Hub, and a
    /// one-component Hub name is an official image under `library/`.
    static func splitDockerDomain(_ text: String) -> (String, String) {
        guard let slash = text.firstIndex(of: "/") else {
            return (defaultDomain, officialRepositoryPrefix + text)
        }
        let first = String(text[..<slash])
        let rest = String(text[text.index(after: slash)...])
        if !first.contains(".") && !first.contains(":") && first != "localhost" && first.lowercased() == first {
            return (defaultDomain, text)
        }
        let domain = first == "index.docker.io" ? defaultDomain : first
        if domain == defaultDomain && !rest.contains("/") {
            return (domain, officialRepositoryPrefix + rest)
        }
        return (domain, rest)
    }

    /// `reference.Parse` of a name that already has its domain.
    static func parse(_ text: String, original: String) throws -> ImageReference {
        var remainder = Substring(text)
        var digest: Digest?
        if let at = remainder.firstIndex(of: "@") {
            digest = try Digest(parsing: String(remainder[remainder.index(after: at)...]))
            remainder = remainder[..<at]
        }
        var tag: String?
        if let colon = remainder.lastIndex(of: ":"), !remainder[colon...].contains("/") {
            let candidate = String(remainder[remainder.index(after: colon)...])
            guard isTag(candidate) else { throw OCIError.invalidReference(original, reason: invalidFormat) }
            tag = candidate
            remainder = remainder[..<colon]
        }
        let components = remainder.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard components.count >= 2, isDomain(components[0]),
              components.dropFirst().allSatisfy(isPathComponent)
        else {
            throw OCIError.invalidReference(original, reason: invalidFormat)
        }
        guard remainder.utf8.count <= nameTotalLengthMax else {
            throw OCIError.invalidReference(
                original, reason: "repository name must not be more than \(nameTotalLengthMax) characters"
            )
        }
        return ImageReference(
            domain: components[0], path: components.dropFirst().joined(separator: "/"), tag: tag, digest: digest
        )
    }

    static func isTag(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 128, isWordByte(first) else { return false }
        return bytes.dropFirst().allSatisfy { isWordByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    static func isPathComponent(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last) else {
            return false
        }
        var index = 0
        while index < bytes.count {
            if isLowerAlphanumeric(bytes[index]) {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, !isLowerAlphanumeric(bytes[end]) { end += 1 }
            let separator = String(decoding: bytes[index..<end], as: UTF8.self)
            guard separator == "." || separator == "_" || separator == "__" || separator.allSatisfy({ $0 == "-" }) else {
                return false
            }
            index = end
        }
        return true
    }

    static func isDomain(_ text: String) -> Bool {
        var host = Substring(text)
        if let colon = text.firstIndex(of: ":") {
            let port = text[text.index(after: colon)...]
            guard !port.isEmpty, port.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
            host = text[..<colon]
        }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { component in
            let bytes = Array(component.utf8)
            guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last) else {
                return false
            }
            return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (0x61...0x7a).contains(byte) || (0x30...0x39).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (0x41...0x5a).contains(byte)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_")
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }
}

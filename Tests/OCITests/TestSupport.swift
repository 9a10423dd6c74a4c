import FoundationEssentials

/// Bytes of a base64 literal written over several lines.
func base64Bytes(_ text: String) -> [UInt8] {
    guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
        preconditionFailure("test fixture is not base64")
    }
    return Array(data)
}

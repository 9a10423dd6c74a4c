/// One file of an image the project builds itself, as it will appear in the image's layer.
public struct ImageFile: Hashable, Sendable {
    public enum Content: Hashable, Sendable {
        case regular([UInt8])
        case directory
        case symlink(target: String)
        /// A hard link to another file of the same layer (an absolute image path).
        case hardLink(target: String)
    }

    /// The path inside the image, absolute (`/bin/sh`).
    public var path: String
    public var mode: UInt32
    public var content: Content

    public init(path: String, mode: UInt32, content: Content) {
        precondition(path.hasPrefix("/") && path.count > 1, "an image file's path is absolute: \(path)")
        self.path = path
        self.mode = mode
        self.content = content
    }

    public static func file(_ path: String, _ contents: [UInt8], mode: UInt32 = 0o644) -> ImageFile {
        ImageFile(path: path, mode: mode, content: .regular(contents))
    }

    public static func directory(_ path: String, mode: UInt32 = 0o755) -> ImageFile {
        ImageFile(path: path, mode: mode, content: .directory)
    }

    public static func symlink(_ path: String, target: String) -> ImageFile {
        ImageFile(path: path, mode: 0o777, content: .symlink(target: target))
    }

    public static func hardLink(_ path: String, target: String) -> ImageFile {
        ImageFile(path: path, mode: 0o755, content: .hardLink(target: target))
    }

    /// The layer tar member: names relative to the root, as `docker save` writes them.
    var tarEntry: TarEntry {
        let name = String(path.dropFirst())
        switch content {
        case let .regular(bytes): return .file(name, bytes, mode: mode)
        case .directory: return .directory(name, mode: mode)
        case let .symlink(target): return .symlink(name, target: target)
        case let .hardLink(target):
            var entry = TarEntry.hardLink(name, target: String(target.drop { $0 == "/" }))
            entry.mode = mode
            return entry
        }
    }
}

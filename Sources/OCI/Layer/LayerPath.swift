import KernelInterface

/// The path rules of applying a layer, as pure functions so they can be tested without a
/// filesystem. They re-create what Docker's pkg/archive and containerd's archive.Apply check:
/// an entry name is made relative and cleaned, and one that would leave the target ("..") is a
/// breakout; the parents of an entry are resolved component by component *inside* the target,
/// so a symlink the archive planted (`etc -> /`) is followed as if the target were `/`, never
/// out of it (containerd's `fs.RootPath`, the securejoin algorithm).
public enum LayerPath {
    /// The components of a tar entry name, relative to the layer's root: `./a//b/` → `[a, b]`.
    /// Absolute names, names that climb above the root, and names with NUL are refused.
    /// The root itself (`.`, `./`) is `[]`.
    public static func components(_ name: String) throws -> [String] {
        guard !name.hasPrefix("/") else {
            throw OCIError.unsafePath(name, reason: "absolute path in layer")
        }
        guard !name.utf8.contains(0) else { throw OCIError.unsafePath(name, reason: "NUL in path") }
        var out: [String] = []
        for component in name.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                guard !out.isEmpty else {
                    throw OCIError.unsafePath(name, reason: "path escapes from parent")
                }
                out.removeLast()
            default: out.append(String(component))
            }
        }
        return out
    }

    /// Resolves `components` under `root`, following symlinks as if `root` were `/`:
    /// `readlink(path)` returns a symlink's target, or nil when `path` is not a symlink (or does
    /// not exist). An absolute target restarts from `root`; `..` never climbs above it. The
    /// result is `root` joined with the resolved components, so it is always inside `root`.
    public static func resolve(
        _ components: [String], under root: String, readlink: (String) throws -> String?
    ) throws -> String {
        path(root, try resolvedComponents(components, under: root, readlink: readlink))
    }

    /// `resolve`'s answer as components relative to `root`.
    public static func resolvedComponents(
        _ components: [String], under root: String, readlink: (String) throws -> String?
    ) throws -> [String] {
        var resolved: [String] = []
        var pending = Array(components.reversed())
        var symlinksFollowed = 0
        while let component = pending.popLast() {
            switch component {
            case "", ".": continue
            case "..":
                if !resolved.isEmpty { resolved.removeLast() }
                continue
            default: break
            }
            let candidate = path(root, resolved + [component])
            guard let target = try readlink(candidate) else {
                resolved.append(component)
                continue
            }
            symlinksFollowed += 1
            guard symlinksFollowed <= 255 else {
                throw OCIError.unsafePath(path(root, components), reason: "too many levels of symbolic links")
            }
            if target.hasPrefix("/") { resolved.removeAll() }
            pending += target.split(separator: "/").reversed().map(String.init)
        }
        return resolved
    }

    /// `root` joined with `components`.
    public static func path(_ root: String, _ components: [String]) -> String {
        components.reduce(root) { joinPath($0, $1) }
    }

    /// What a whiteout entry means (image-spec layer.md "Whiteouts"): `.wh..wh..opq` makes its
    /// directory opaque, `.wh.<name>` deletes `<name>` from the layers below.
    public enum Whiteout: Equatable, Sendable {
        case opaque
        case remove(String)
        /// Another `.wh..wh.` name (aufs's hard-link directory `.wh..wh.plnk`…): layer
        /// metadata that is not unpacked, as Docker's `UnpackLayer` skips it.
        case metadata
    }

    public static let whiteoutPrefix = ".wh."
    public static let whiteoutMetaPrefix = ".wh..wh."
    public static let opaqueWhiteout = ".wh..wh..opq"

    /// The whiteout a base name stands for, or nil for an ordinary name.
    public static func whiteout(_ baseName: String) throws -> Whiteout? {
        if baseName == opaqueWhiteout { return .opaque }
        if baseName.hasPrefix(whiteoutMetaPrefix) { return .metadata }
        guard baseName.hasPrefix(whiteoutPrefix) else { return nil }
        let name = String(baseName.dropFirst(whiteoutPrefix.count))
        guard !name.isEmpty, name != ".", name != ".." else {
            throw OCIError.unsafePath(baseName, reason: "invalid whiteout name")
        }
        return .remove(name)
    }
}

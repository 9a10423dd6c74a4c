import KernelInterface

/// The layers of an overlay mount (`lowerdir=a:b,upperdir=u,workdir=w`).
final class OverlayLayers {
    let filesystem: Filesystem
    let upper: Inode?
    let lowers: [Inode]
    init(filesystem: Filesystem, upper: Inode?, lowers: [Inode]) {
        self.filesystem = filesystem
        self.upper = upper
        self.lowers = lowers
    }
}

/// One file of an overlay mount, as overlayfs's `ovl_entry` is: the upper inode when the file
/// exists there (or was copied up), and the lower inodes it merges (directories merge every
/// lower directory of the same name down to an opaque one; a file shows its topmost).
///
/// Whiteouts are character devices 0/0 in the upper layer; an opaque directory carries the
/// extended attribute `trusted.overlay.opaque` = `y`, as overlayfs writes it.
final class OverlayNode {
    static let opaqueAttribute = "trusted.overlay.opaque"

    let layers: OverlayLayers
    let name: String
    weak var parentNode: OverlayNode?
    /// The overlay inode this node belongs to.
    weak var inode: Inode?
    var upper: Inode?
    var lowers: [Inode]
    private var children: [String: Inode] = [:]

    /// The merged entries looked up so far, forgotten: what `Filesystem.dismantle` undoes, as a
    /// wrapper holds its parent directory's wrapper and that one holds this node.
    func takeChildren() -> [Inode] {
        defer { children = [:] }
        return Array(children.values)
    }

    init(layers: OverlayLayers, name: String, parentNode: OverlayNode?, upper: Inode?, lowers: [Inode]) {
        self.layers = layers
        self.name = name
        self.parentNode = parentNode
        self.upper = upper
        self.lowers = lowers
    }

    /// The inode that answers reads: upper when there is one.
    var current: Inode {
        if let upper { return upper }
        return lowers[0]
    }

    static let opaqueValue = Array("y".utf8)

    /// Asked for every entry a merged lookup meets, so an inode without extended attributes
    /// (nearly all of them) answers without a hash.
    static func isOpaque(_ inode: Inode) -> Bool { !inode.xattrs.isEmpty && inode.xattrs[opaqueAttribute] == opaqueValue }

    /// The layers of `name` in this directory, topmost first, honouring whiteouts and opaque
    /// directories.
    private func layers(of name: String) -> [Inode] {
        var found: [Inode] = []
        if let upper, let entry = upper.entries[name] {
            if entry.isWhiteout { return [] }
            found.append(entry)
            if entry.kind != .directory || OverlayNode.isOpaque(entry) { return found }
        }
        if let upper, OverlayNode.isOpaque(upper) { return found }
        for lower in lowers {
            guard let entry = lower.entries[name] else { continue }
            if entry.isWhiteout { break }
            if found.isEmpty {
                found.append(entry)
                if entry.kind != .directory || OverlayNode.isOpaque(entry) { break }
            } else {
                guard entry.kind == .directory, found[0].kind == .directory else { break }
                found.append(entry)
                if OverlayNode.isOpaque(entry) { break }
            }
        }
        return found
    }

    /// The merged entry `name`, as one overlay inode kept for as long as it is unchanged.
    func child(named name: String) -> Inode? {
        let found = layers(of: name)
        guard let top = found.first else {
            children[name] = nil
            return nil
        }
        let upperLayer = upper?.entries[name] === top ? top : nil
        let lowerLayers = upperLayer == nil ? found : Array(found.dropFirst())
        if let cached = children[name], let node = cached.overlay, node.upper === upperLayer,
           node.lowers.count == lowerLayers.count, zip(node.lowers, lowerLayers).allSatisfy({ $0 === $1 }) {
            return cached
        }
        let wrapper = Inode(filesystem: layers.filesystem, kind: top.kind, permissions: top.permissions)
        let node = OverlayNode(layers: layers, name: name, parentNode: self, upper: upperLayer, lowers: lowerLayers)
        node.inode = wrapper
        wrapper.overlay = node
        wrapper.parent = inode
        children[name] = wrapper
        return wrapper
    }

    /// Every visible name of the merged directory.
    func mergedNames() -> [String] {
        var names: Set<String> = []
        if let upper { names.formUnion(upper.entries.keys) }
        for lower in lowers { names.formUnion(lower.entries.keys) }
        return names.sorted().filter { child(named: $0) != nil }
    }

    /// Copies this file (and its parent directories) into the upper layer, as ovl_copy_up does
    /// before the first change. EROFS when the overlay has no upper layer.
    @discardableResult
    func copyUp(now: Int64) throws -> Inode {
        if let upper { return upper }
        guard let parentNode else { throw Errno.EROFS }
        let parentUpper = try parentNode.copyUp(now: now)
        let source = current
        let filesystem = parentUpper.filesystem
        let copy = filesystem.makeInode(source.kind, permissions: source.permissions)
        copy.uid = source.uid
        copy.gid = source.gid
        copy.modified = source.modified
        copy.data = source.data
        copy.linkTarget = source.linkTarget
        copy.deviceNumber = source.deviceNumber
        copy.parent = parentUpper
        if source.kind == .directory { parentUpper.linkCount += 1 }
        parentUpper.entries[name] = copy
        upper = copy
        return copy
    }

    /// Adds `inode` under `name` in the upper layer, replacing a whiteout; a directory created
    /// where a lower entry was deleted is made opaque so the old contents stay hidden.
    func insert(_ inode: Inode, named name: String, now: Int64) throws {
        let directory = try copyUp(now: now)
        let replacedWhiteout = directory.entries[name]?.isWhiteout == true
        let lowerHasName = lowers.contains { $0.entries[name] != nil }
        if inode.kind == .directory, replacedWhiteout || lowerHasName {
            inode.xattrs[OverlayNode.opaqueAttribute] = Array("y".utf8)
        }
        directory.entries[name] = inode
        inode.parent = directory
        if inode.kind == .directory { directory.linkCount += 1 }
        directory.modified = now
        children[name] = nil
    }

    /// Removes `name`: drops the upper entry and, when a lower layer still has the name, leaves
    /// a whiteout in its place.
    func remove(named name: String, now: Int64) throws {
        let directory = try copyUp(now: now)
        let removed = directory.entries.removeValue(forKey: name)
        if removed?.kind == .directory { directory.linkCount -= 1 }
        if lowers.contains(where: { $0.entries[name] != nil }) {
            let whiteout = directory.filesystem.makeInode(.characterDevice, permissions: 0)
            whiteout.deviceNumber = (0, 0)
            directory.entries[name] = whiteout
        }
        directory.modified = now
        children[name] = nil
    }
}

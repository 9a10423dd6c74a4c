/// Writes a tar archive deterministically: entries in the order given, each with the same
/// modification time when one is given, ustar headers (with the ustar prefix field, then a
/// PAX `x` header, for names that do not fit), and two zero blocks at the end, as Go's
/// archive/tar writes layers for Docker and containerd.
public struct TarWriter: Sendable {
    /// When set, every entry is written with this modification time (seconds since the epoch)
    /// whatever it carries, so the same files always make the same bytes.
    public let modificationTime: Int64?
    private var output: [UInt8] = []

    public init(modificationTime: Int64? = 0) {
        self.modificationTime = modificationTime
    }

    /// The whole archive of `entries`.
    public static func archive(_ entries: [TarEntry], modificationTime: Int64? = 0) -> [UInt8] {
        var writer = TarWriter(modificationTime: modificationTime)
        for entry in entries { writer.append(entry) }
        return writer.finish()
    }

    public mutating func append(_ entry: TarEntry) {
        precondition(!entry.path.isEmpty, "a tar entry needs a name")
        let name = entry.kind == .directory && !entry.path.hasSuffix("/") ? entry.path + "/" : entry.path
        let nameBytes = Array(name.utf8)
        let linkBytes = Array(entry.linkTarget.utf8)
        var records: [(String, String)] = []
        var split = TarWriter.splitUSTARName(nameBytes)
        if split == nil { records.append((PAXRecords.path, name)) }
        if linkBytes.count > TarHeader.Field.linkname.size { records.append((PAXRecords.linkpath, entry.linkTarget)) }
        let mtime = modificationTime ?? entry.modificationTime
        if !records.isEmpty {
            let body = PAXRecords.encode(records)
            let paxName = Array(("PaxHeaders.0/" + String(decoding: nameBytes.suffix(80), as: UTF8.self)).utf8.prefix(100))
            let header = TarWriter.header(
                name: (prefix: [], name: paxName), typeflag: UInt8(ascii: "x"), size: Int64(body.count),
                entry: entry, linkname: [], mtime: mtime
            )
            output += header
            appendData(body)
            split = split ?? (prefix: [], name: Array(nameBytes.suffix(TarHeader.Field.name.size)))
        }
        let linkname = Array(linkBytes.prefix(TarHeader.Field.linkname.size))
        let size = entry.kind.hasData ? Int64(entry.contents.count) : 0
        guard let split else { preconditionFailure("unreachable: the name was split or given a PAX record") }
        output += TarWriter.header(name: split, typeflag: entry.kind.typeflag, size: size, entry: entry, linkname: linkname, mtime: mtime)
        if entry.kind.hasData { appendData(entry.contents) }
    }

    /// The archive so far, closed with the two zero blocks of the end-of-archive marker.
    public func finish() -> [UInt8] {
        output + [UInt8](repeating: 0, count: 2 * TarHeader.blockSize)
    }

    private mutating func appendData(_ bytes: [UInt8]) {
        output += bytes
        let remainder = bytes.count % TarHeader.blockSize
        if remainder != 0 { output += [UInt8](repeating: 0, count: TarHeader.blockSize - remainder) }
    }

    /// ustar's split of a long name into `prefix/name` at a slash (prefix ≤ 155, name ≤ 100).
    static func splitUSTARName(_ bytes: [UInt8]) -> (prefix: [UInt8], name: [UInt8])? {
        if bytes.count <= TarHeader.Field.name.size { return (prefix: [], name: bytes) }
        for index in bytes.indices.reversed() where bytes[index] == UInt8(ascii: "/") {
            let prefix = Array(bytes[..<index]), name = Array(bytes[(index + 1)...])
            if name.count > TarHeader.Field.name.size { return nil }
            if !name.isEmpty && prefix.count <= TarHeader.Field.prefix.size { return (prefix, name) }
        }
        return nil
    }

    static func header(
        name: (prefix: [UInt8], name: [UInt8]), typeflag: UInt8, size: Int64, entry: TarEntry, linkname: [UInt8],
        mtime: Int64
    ) -> [UInt8] {
        typealias F = TarHeader.Field
        var block = [UInt8](repeating: 0, count: TarHeader.blockSize)
        TarHeader.putString(name.name, F.name, into: &block)
        TarHeader.putNumber(Int64(entry.mode & 0o7777), F.mode, into: &block)
        TarHeader.putNumber(Int64(entry.uid), F.uid, into: &block)
        TarHeader.putNumber(Int64(entry.gid), F.gid, into: &block)
        TarHeader.putNumber(size, F.size, into: &block)
        TarHeader.putNumber(mtime, F.mtime, into: &block)
        block[F.typeflag] = typeflag
        TarHeader.putString(linkname, F.linkname, into: &block)
        TarHeader.putString(TarHeader.ustarMagic, F.magic, into: &block)
        TarHeader.putString(Array("00".utf8), F.version, into: &block)
        TarHeader.putString(Array(entry.userName.utf8.prefix(31)), F.uname, into: &block)
        TarHeader.putString(Array(entry.groupName.utf8.prefix(31)), F.gname, into: &block)
        if entry.kind == .characterDevice || entry.kind == .blockDevice {
            TarHeader.putNumber(Int64(entry.deviceMajor), F.devmajor, into: &block)
            TarHeader.putNumber(Int64(entry.deviceMinor), F.devminor, into: &block)
        }
        TarHeader.putString(name.prefix, F.prefix, into: &block)
        let checksum = TarHeader.checksums(block[...]).unsigned
        let digits = String(checksum, radix: 8)
        let field = String(repeating: "0", count: max(0, 6 - digits.utf8.count)) + digits
        TarHeader.putString(Array(field.utf8) + [0, 0x20], F.checksum, into: &block)
        return block
    }
}

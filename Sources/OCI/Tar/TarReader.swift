/// Reads a tar archive's entries from its bytes, strictly, as Go's archive/tar reader does:
/// every header's checksum is checked, numeric fields must be well-formed, a member's data and
/// padding must be whole, and the archive must end with the zero-block end-of-archive marker
/// (an archive cut short is an error, never a shorter archive). PAX `x` records and GNU `L`/`K`
/// long names apply to the entry that follows; PAX global (`g`) headers are skipped.
public struct TarReader: Sendable {
    private let bytes: [UInt8]
    private var offset = 0
    private var finished = false

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Every entry of `bytes`, in order.
    public static func entries(_ bytes: [UInt8]) throws -> [TarEntry] {
        var reader = TarReader(bytes)
        var entries: [TarEntry] = []
        while let entry = try reader.next() { entries.append(entry) }
        return entries
    }

    /// The next entry, or nil after the end-of-archive marker.
    public mutating func next() throws -> TarEntry? {
        if finished { return nil }
        var pax: [String: String] = [:]
        var longName: String?
        var longLink: String?
        while true {
            let block = try readBlock(what: "header")
            if block.allSatisfy({ $0 == 0 }) {
                try readEndOfArchive()
                return nil
            }
            try verifyChecksum(block)
            let typeflag = block[block.startIndex + TarHeader.Field.typeflag]
            let size = try TarHeader.number(block, TarHeader.Field.size, name: "size")
            switch typeflag {
            case UInt8(ascii: "x"):
                pax.merge(try PAXRecords.decode(readData(size)), uniquingKeysWith: { $1 })
            case UInt8(ascii: "g"):
                _ = try readData(size)
            case UInt8(ascii: "L"):
                longName = nulTerminated(try readData(size))
            case UInt8(ascii: "K"):
                longLink = nulTerminated(try readData(size))
            default:
                return try entry(block, typeflag: typeflag, size: size, pax: pax, longName: longName, longLink: longLink)
            }
        }
    }

    private mutating func entry(
        _ block: ArraySlice<UInt8>, typeflag: UInt8, size headerSize: Int64, pax: [String: String],
        longName: String?, longLink: String?
    ) throws -> TarEntry {
        typealias F = TarHeader.Field
        guard let kind = TarReader.kind(typeflag) else {
            throw OCIError.invalidArchive("unsupported entry type \(Character(Unicode.Scalar(typeflag)))")
        }
        var path = TarHeader.string(block, F.name)
        let magic = Array(block[(block.startIndex + F.magic.offset)..<(block.startIndex + F.magic.offset + F.magic.size)])
        if magic == TarHeader.ustarMagic {
            let prefix = TarHeader.string(block, F.prefix)
            if !prefix.isEmpty { path = prefix + "/" + path }
        }
        path = pax[PAXRecords.path] ?? longName ?? path
        var size = headerSize
        if let paxSize = pax[PAXRecords.size] {
            guard let value = Int64(paxSize), value >= 0 else { throw OCIError.invalidArchive("invalid PAX size") }
            size = value
        }
        var entry = TarEntry(
            path: path, kind: kind, mode: UInt32(truncatingIfNeeded: try TarHeader.number(block, F.mode, name: "mode") & 0o7777),
            uid: UInt32(truncatingIfNeeded: try paxNumber(pax, PAXRecords.uid) ?? TarHeader.number(block, F.uid, name: "uid")),
            gid: UInt32(truncatingIfNeeded: try paxNumber(pax, PAXRecords.gid) ?? TarHeader.number(block, F.gid, name: "gid")),
            userName: pax[PAXRecords.uname] ?? TarHeader.string(block, F.uname),
            groupName: pax[PAXRecords.gname] ?? TarHeader.string(block, F.gname),
            modificationTime: try paxNumber(pax, PAXRecords.mtime) ?? TarHeader.number(block, F.mtime, name: "mtime"),
            linkTarget: pax[PAXRecords.linkpath] ?? longLink ?? TarHeader.string(block, F.linkname)
        )
        if kind == .characterDevice || kind == .blockDevice {
            entry.deviceMajor = UInt32(truncatingIfNeeded: try TarHeader.number(block, F.devmajor, name: "devmajor"))
            entry.deviceMinor = UInt32(truncatingIfNeeded: try TarHeader.number(block, F.devminor, name: "devminor"))
        }
        if entry.kind == .regular && entry.path.hasSuffix("/") && typeflag != UInt8(ascii: "7") {
            entry.kind = .directory  // a pre-POSIX (V7) directory, as Go's reader converts it
        }
        while entry.path.count > 1 && entry.path.hasSuffix("/") { entry.path.removeLast() }
        guard !entry.path.isEmpty else { throw OCIError.invalidArchive("entry without a name") }
        if kind.hasData { entry.contents = try readData(size) }
        return entry
    }

    static func kind(_ typeflag: UInt8) -> TarEntry.Kind? {
        switch typeflag {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): return .regular
        case UInt8(ascii: "1"): return .hardLink
        case UInt8(ascii: "2"): return .symlink
        case UInt8(ascii: "3"): return .characterDevice
        case UInt8(ascii: "4"): return .blockDevice
        case UInt8(ascii: "5"): return .directory
        case UInt8(ascii: "6"): return .fifo
        default: return nil
        }
    }

    private func paxNumber(_ pax: [String: String], _ key: String) throws -> Int64? {
        guard let text = pax[key] else { return nil }
        let whole = text.split(separator: ".", maxSplits: 1).first.map(String.init) ?? text
        guard let value = Int64(whole) else { throw OCIError.invalidArchive("invalid PAX \(key)") }
        return value
    }

    private func verifyChecksum(_ block: ArraySlice<UInt8>) throws {
        let stored = try TarHeader.number(block, TarHeader.Field.checksum, name: "checksum")
        let computed = TarHeader.checksums(block)
        guard stored == computed.unsigned || stored == computed.signed else {
            throw OCIError.invalidArchive("invalid tar header (checksum mismatch)")
        }
    }

    private mutating func readBlock(what: String) throws -> ArraySlice<UInt8> {
        guard offset + TarHeader.blockSize <= bytes.count else {
            throw OCIError.invalidArchive("unexpected EOF reading \(what)")
        }
        defer { offset += TarHeader.blockSize }
        return bytes[offset..<offset + TarHeader.blockSize]
    }

    /// A member's data and the padding to the next block boundary.
    private mutating func readData(_ size: Int64) throws -> [UInt8] {
        guard size >= 0, size <= Int64(bytes.count - offset) else {
            throw OCIError.invalidArchive("unexpected EOF reading data")
        }
        let count = Int(size)
        let padded = (count + TarHeader.blockSize - 1) / TarHeader.blockSize * TarHeader.blockSize
        guard offset + padded <= bytes.count else { throw OCIError.invalidArchive("unexpected EOF reading data padding") }
        defer { offset += padded }
        return Array(bytes[offset..<offset + count])
    }

    /// After the first zero block: a second one, or the end of the bytes. What follows the
    /// marker (record padding) is ignored; a header after a single zero block is an error.
    private mutating func readEndOfArchive() throws {
        finished = true
        guard offset < bytes.count else { return }
        let second = try readBlock(what: "end-of-archive marker")
        guard second.allSatisfy({ $0 == 0 }) else {
            throw OCIError.invalidArchive("invalid tar header (data after a zero block)")
        }
    }

    private func nulTerminated(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
}

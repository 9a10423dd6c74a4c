/// The 512-byte ustar header block (POSIX.1-1988, as extended by POSIX.1-2001 pax):
///
///     offset  size  field            offset  size  field
///          0   100  name                257     6  magic "ustar\0"
///        100     8  mode                263     2  version "00"
///        108     8  uid                 265    32  uname
///        116     8  gid                 297    32  gname
///        124    12  size                329     8  devmajor
///        136    12  mtime               337     8  devminor
///        148     8  chksum              345   155  prefix
///        156     1  typeflag            500    12  (padding)
///        157   100  linkname
enum TarHeader {
    static let blockSize = 512

    enum Field {
        static let name = (offset: 0, size: 100)
        static let mode = (offset: 100, size: 8)
        static let uid = (offset: 108, size: 8)
        static let gid = (offset: 116, size: 8)
        static let size = (offset: 124, size: 12)
        static let mtime = (offset: 136, size: 12)
        static let checksum = (offset: 148, size: 8)
        static let typeflag = 156
        static let linkname = (offset: 157, size: 100)
        static let magic = (offset: 257, size: 6)
        static let version = (offset: 263, size: 2)
        static let uname = (offset: 265, size: 32)
        static let gname = (offset: 297, size: 32)
        static let devmajor = (offset: 329, size: 8)
        static let devminor = (offset: 337, size: 8)
        static let prefix = (offset: 345, size: 155)
    }

    static let ustarMagic: [UInt8] = Array("ustar\0".utf8)
    static let gnuMagic: [UInt8] = Array("ustar ".utf8)

    /// The unsigned sum of the header's bytes with the checksum field read as spaces; Go also
    /// accepts the signed sum some historic tars wrote, and so does the reader.
    static func checksums(_ block: ArraySlice<UInt8>) -> (unsigned: Int64, signed: Int64) {
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        let start = block.startIndex
        for index in 0..<blockSize {
            let inChecksum = index >= Field.checksum.offset && index < Field.checksum.offset + Field.checksum.size
            let byte = inChecksum ? UInt8(ascii: " ") : block[start + index]
            unsigned += Int64(byte)
            signed += Int64(Int8(bitPattern: byte))
        }
        return (unsigned, signed)
    }

    // MARK: Writing

    /// Writes `value` as zero-padded octal ending in NUL, or as GNU base-256 when it does not
    /// fit (as Go's `formatNumeric` does for USTAR/GNU).
    static func putNumber(_ value: Int64, _ field: (offset: Int, size: Int), into block: inout [UInt8]) {
        let digits = String(value, radix: 8)
        if value >= 0 && digits.utf8.count <= field.size - 1 {
            let padded = String(repeating: "0", count: field.size - 1 - digits.utf8.count) + digits
            block.replaceSubrange(field.offset..<field.offset + field.size - 1, with: Array(padded.utf8))
            block[field.offset + field.size - 1] = 0
            return
        }
        precondition(value >= 0, "tar numbers written here are never negative")
        var remaining = UInt64(value)
        for index in stride(from: field.offset + field.size - 1, to: field.offset, by: -1) {
            block[index] = UInt8(truncatingIfNeeded: remaining)
            remaining >>= 8
        }
        block[field.offset] = 0x80
    }

    static func putString(_ bytes: [UInt8], _ field: (offset: Int, size: Int), into block: inout [UInt8]) {
        precondition(bytes.count <= field.size, "tar header field overflow")
        block.replaceSubrange(field.offset..<field.offset + bytes.count, with: bytes)
    }

    // MARK: Reading

    /// A NUL-terminated (or full-width) string field.
    static func string(_ block: ArraySlice<UInt8>, _ field: (offset: Int, size: Int)) -> String {
        let start = block.startIndex + field.offset
        let bytes = block[start..<start + field.size]
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// An octal field (spaces and NULs around it allowed, as Go's `parseOctal`), or a GNU
    /// base-256 one (high bit of the first byte set).
    static func number(_ block: ArraySlice<UInt8>, _ field: (offset: Int, size: Int), name: String) throws -> Int64 {
        let start = block.startIndex + field.offset
        let bytes = Array(block[start..<start + field.size])
        if let first = bytes.first, first & 0x80 != 0 {
            guard first & 0x40 == 0 else { throw OCIError.invalidArchive("negative \(name) field") }
            var value = UInt64(first & 0x3f)
            for byte in bytes.dropFirst() {
                guard value >> 55 == 0 else { throw OCIError.invalidArchive("\(name) field overflows base-256") }
                value = value << 8 | UInt64(byte)
            }
            return Int64(value)
        }
        let trimmed = bytes.drop { $0 == 0x20 || $0 == 0 }.prefix { $0 != 0x20 && $0 != 0 }
        let rest = bytes.drop { $0 == 0x20 || $0 == 0 }.dropFirst(trimmed.count)
        guard rest.allSatisfy({ $0 == 0x20 || $0 == 0 }) else {
            throw OCIError.invalidArchive("invalid \(name) field")
        }
        var value: Int64 = 0
        for byte in trimmed {
            guard (0x30...0x37).contains(byte), value < Int64.max >> 3 else {
                throw OCIError.invalidArchive("invalid \(name) field")
            }
            value = value << 3 | Int64(byte - 0x30)
        }
        return value
    }
}

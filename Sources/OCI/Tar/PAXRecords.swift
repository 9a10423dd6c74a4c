/// PAX extended header records (POSIX.1-2001 `pax` format): `"%d %s=%s\n"`, where the
/// decimal length counts the whole record, its own digits included. Used for names and link
/// targets longer than ustar's fields, as Go's archive/tar does.
enum PAXRecords {
    static let path = "path"
    static let linkpath = "linkpath"
    static let size = "size"
    static let uid = "uid"
    static let gid = "gid"
    static let mtime = "mtime"
    static let uname = "uname"
    static let gname = "gname"

    static func encode(_ records: [(String, String)]) -> [UInt8] {
        var out: [UInt8] = []
        for (key, value) in records {
            let body = " \(key)=\(value)\n".utf8.count
            var length = body + String(body).utf8.count
            if String(length).utf8.count != String(body).utf8.count { length = body + String(length).utf8.count }
            out += Array("\(length) \(key)=\(value)\n".utf8)
        }
        return out
    }

    /// Parses the records strictly, as Go's `parsePAX`: each length must land exactly on the
    /// record's newline.
    static func decode(_ bytes: [UInt8]) throws -> [String: String] {
        var records: [String: String] = [:]
        var index = 0
        while index < bytes.count {
            guard let space = bytes[index...].firstIndex(of: 0x20),
                  let length = Int(String(decoding: bytes[index..<space], as: UTF8.self)),
                  length > space - index, index + length <= bytes.count, bytes[index + length - 1] == 0x0a
            else {
                throw OCIError.invalidArchive("invalid PAX record")
            }
            let record = bytes[(space + 1)..<(index + length - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")), equals > record.startIndex else {
                throw OCIError.invalidArchive("invalid PAX record")
            }
            let key = String(decoding: record[..<equals], as: UTF8.self)
            records[key] = String(decoding: record[(equals + 1)...], as: UTF8.self)
            index += length
        }
        return records
    }
}

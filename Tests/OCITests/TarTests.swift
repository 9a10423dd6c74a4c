import Testing
@testable import OCI

@Suite("tar archives")
struct TarTests {
    let everyKind: [TarEntry] = [
        .directory("bin"),
        .file("bin/busybox", Array("#!busybox".utf8), mode: 0o755),
        .symlink("bin/sh", target: "busybox"),
        .hardLink("bin/ls", target: "bin/busybox"),
        .characterDevice("dev/null", major: 1, minor: 3),
        .fifo("run/fifo", mode: 0o600),
        .file("empty", []),
        .file("setuid", [1, 2, 3], mode: 0o4755),
    ]

    @Test("every kind of entry survives a write and a read")
    func roundTrip() throws {
        let archive = TarWriter.archive(everyKind)
        #expect(archive.count % 512 == 0)
        let read = try TarReader.entries(archive)
        #expect(read == everyKind)
    }

    @Test("the same entries always make the same bytes, with the given mtime")
    func deterministic() throws {
        var entries = everyKind
        entries[1].modificationTime = 12345
        let first = TarWriter.archive(entries, modificationTime: 1_700_000_000)
        entries[1].modificationTime = 999
        #expect(TarWriter.archive(entries, modificationTime: 1_700_000_000) == first)
        #expect(try TarReader.entries(first).allSatisfy { $0.modificationTime == 1_700_000_000 })
    }

    @Test("long names use the ustar prefix, then PAX records; long link targets use PAX")
    func longNames() throws {
        let deep = String(repeating: "d/", count: 70) + "file"
        let flat = String(repeating: "x", count: 180)
        let target = String(repeating: "t", count: 150)
        let entries: [TarEntry] = [.file(deep, [7]), .file(flat, [8]), .symlink("l", target: target)]
        let archive = TarWriter.archive(entries)
        #expect(try TarReader.entries(archive) == entries)
        let typeflags = stride(from: 0, to: archive.count - 1024, by: 512).map { archive[$0 + 156] }
        #expect(typeflags.contains(UInt8(ascii: "x")))
    }

    @Test("GNU tar's long-name headers are read")
    func gnuTar() throws {
        let entries = try TarReader.entries(base64Bytes(SystemToolFixtures.gnuTar))
        let longName = "dir/" + String(repeating: "long", count: 30) + ".txt"
        #expect(entries.map(\.path) == ["dir", longName, "link"])
        #expect(entries[0].kind == .directory)
        #expect(entries[0].mode == 0o750)
        #expect(entries[1].contents == Array("hello from gnu tar\n".utf8))
        #expect(entries[1].modificationTime == 1_700_000_000)
        #expect(entries[2].kind == .symlink)
        #expect(entries[2].linkTarget == longName)
    }

    @Test("a corrupted header checksum is an error")
    func badChecksum() {
        var archive = TarWriter.archive([.file("a", [1, 2, 3])])
        archive[0] = UInt8(ascii: "b")
        #expect(throws: OCIError.self) { try TarReader.entries(archive) }
    }

    @Test("an archive cut short anywhere is an error")
    func truncated() {
        let archive = TarWriter.archive([.file("a", [UInt8](repeating: 9, count: 700)), .directory("d")])
        for length in [100, 512, 900, 1024, 1536, 1536 + 512 - 1] {
            #expect(throws: OCIError.self, "\(length)") { try TarReader.entries(Array(archive.prefix(length))) }
        }
        #expect(throws: Never.self) { try TarReader.entries(Array(archive.prefix(archive.count - 512))) }
    }

    @Test("a header after a single zero block is an error")
    func dataAfterZeroBlock() {
        let one = TarWriter.archive([.file("a", [1])])
        let bad = Array(one.prefix(1024)) + [UInt8](repeating: 0, count: 512) + Array(one.prefix(1024)) + [UInt8](repeating: 0, count: 1024)
        #expect(throws: OCIError.self) { try TarReader.entries(bad) }
    }

    @Test("a size field that is not octal is an error")
    func badNumber() {
        var archive = TarWriter.archive([.file("a", [1])])
        archive[124] = UInt8(ascii: "9")
        let sum = (0..<512).reduce(0) { $0 + Int(($1 >= 148 && $1 < 156) ? 32 : archive[$1]) }
        let text = Array(String(sum, radix: 8).utf8)
        archive.replaceSubrange(148..<148 + 8, with: [UInt8](repeating: 0x30, count: 6 - text.count) + text + [0, 0x20])
        #expect(throws: OCIError.invalidArchive("invalid size field")) { try TarReader.entries(archive) }
    }

    @Test("PAX records override the header's uid, gid, mtime and size-limited fields")
    func paxOverrides() throws {
        let records = PAXRecords.encode([("uid", "3000000"), ("gid", "7"), ("mtime", "1700000000.5"), ("path", "p")])
        #expect(try PAXRecords.decode(records)["uid"] == "3000000")
        var archive: [UInt8] = []
        var pax = TarEntry.file("PaxHeaders/p", records)
        pax.mode = 0o644
        let header = TarWriter.header(
            name: (prefix: [], name: Array("PaxHeaders/p".utf8)), typeflag: UInt8(ascii: "x"),
            size: Int64(records.count), entry: pax, linkname: [], mtime: 0
        )
        archive += header + records + [UInt8](repeating: 0, count: 512 - records.count % 512)
        archive += TarWriter.archive([.file("short", [5])])
        let entries = try TarReader.entries(archive)
        #expect(entries.count == 1)
        #expect(entries[0].path == "p")
        #expect(entries[0].uid == 3_000_000)
        #expect(entries[0].gid == 7)
        #expect(entries[0].modificationTime == 1_700_000_000)
        #expect(entries[0].contents == [5])
    }

    @Test("a PAX record whose length does not land on its newline is an error")
    func badPAX() {
        #expect(throws: OCIError.self) { try PAXRecords.decode(Array("9 path=abc\n".utf8)) }
        #expect(throws: OCIError.self) { try PAXRecords.decode(Array("x path=a\n".utf8)) }
    }

    @Test("base-256 numbers read as GNU tar writes them for sizes past 8 GiB")
    func base256() throws {
        var block = [UInt8](repeating: 0, count: 512)
        TarHeader.putNumber(1 << 34, TarHeader.Field.size, into: &block)
        #expect(block[124] == 0x80)
        #expect(try TarHeader.number(block[...], TarHeader.Field.size, name: "size") == 1 << 34)
        TarHeader.putNumber(0o777, TarHeader.Field.size, into: &block)
        #expect(try TarHeader.number(block[...], TarHeader.Field.size, name: "size") == 0o777)
    }
}

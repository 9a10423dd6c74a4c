import Testing
@testable import OCI

@Suite("SHA-256 and digests")
struct DigestTests {
    @Test("SHA-256 matches the NIST vectors")
    func nistVectors() {
        #expect(hexString(SHA256.hash(Array("".utf8))) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hexString(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let message448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(hexString(SHA256.hash(Array(message448.utf8))) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(hexString(SHA256.hash(million)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("streaming in uneven pieces gives the one-shot hash")
    func streaming() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 7, 200, 600] {
            hasher.update(bytes[offset..<offset + size])
            offset += size
        }
        #expect(offset == bytes.count)
        #expect(hasher.finalize() == SHA256.hash(bytes))
    }

    @Test("a digest parses, prints and computes as sha256:<hex>")
    func digestParse() throws {
        let digest = Digest(of: Array("abc".utf8))
        #expect(digest.description == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try Digest(parsing: digest.description) == digest)
        #expect(digest.shortID == "ba7816bf8f01")
    }

    @Test("malformed digests are refused")
    func digestRejects() {
        let bad = [
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "sha256:ba7816bf",
            "sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
            "md5:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "sha256:za7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ]
        for text in bad {
            #expect(throws: OCIError.self) { try Digest(parsing: text) }
        }
    }

    @Test("a descriptor verifies its content and refuses other bytes")
    func descriptorVerify() throws {
        let bytes = Array("layer".utf8)
        let descriptor = Descriptor(mediaType: MediaType.ociLayer, bytes: bytes)
        try descriptor.verify(bytes)
        #expect(throws: OCIError.self) { try descriptor.verify(Array("other".utf8)) }
    }
}

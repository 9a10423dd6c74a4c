import Testing
@testable import OCI

@Suite("layer path rules")
struct LayerPathTests {
    @Test("entry names are cleaned to components under the root")
    func clean() throws {
        #expect(try LayerPath.components("./bin//sh") == ["bin", "sh"])
        #expect(try LayerPath.components("a/b/../c/") == ["a", "c"])
        #expect(try LayerPath.components("./") == [])
    }

    @Test("absolute names and names that climb out are refused")
    func breakouts() {
        for name in ["/etc/passwd", "../x", "a/../../x", "./../x", "a\u{0}b"] {
            #expect(throws: OCIError.self, "\(name)") { try LayerPath.components(name) }
        }
    }

    @Test("symlinks in parents resolve inside the root, never out of it")
    func scopedResolution() throws {
        let links = ["/root/etc": "/", "/root/up": "../../..", "/root/a/b": "c", "/root/rel": "a/b"]
        let readlink: (String) -> String? = { links[$0] }
        #expect(try LayerPath.resolve(["etc", "passwd"], under: "/root", readlink: readlink) == "/root/passwd")
        #expect(try LayerPath.resolve(["up", "x"], under: "/root", readlink: readlink) == "/root/x")
        #expect(try LayerPath.resolve(["a", "b", "f"], under: "/root", readlink: readlink) == "/root/a/c/f")
        #expect(try LayerPath.resolve(["rel", "f"], under: "/root", readlink: readlink) == "/root/a/c/f")
        #expect(try LayerPath.resolve([".."], under: "/root", readlink: readlink) == "/root")
    }

    @Test("a symlink loop is an error, not a hang")
    func loop() {
        let links = ["/r/a": "b", "/r/b": "a"]
        #expect(throws: OCIError.self) { try LayerPath.resolve(["a", "x"], under: "/r") { links[$0] } }
    }

    @Test("whiteout names are recognised, with the opaque marker apart")
    func whiteouts() throws {
        #expect(try LayerPath.whiteout(".wh..wh..opq") == .opaque)
        #expect(try LayerPath.whiteout(".wh.passwd") == .remove("passwd"))
        #expect(try LayerPath.whiteout("passwd") == nil)
        #expect(try LayerPath.whiteout(".wh..wh.plnk") == .metadata)
        #expect(throws: OCIError.self) { try LayerPath.whiteout(".wh...") }
        #expect(throws: OCIError.self) { try LayerPath.whiteout(".wh.") }
    }
}

@Suite("layer blobs")
struct LayerBlobTests {
    @Test("a gzip layer's diff id is the digest of the tar inside it")
    func diffID() throws {
        let tar = TarWriter.archive([.file("hello", [1, 2, 3])])
        let blob = Gzip.compress(tar)
        #expect(try LayerBlob.diffID(blob, mediaType: MediaType.ociLayerGzip) == Digest(of: tar))
        #expect(try LayerBlob.uncompressed(tar, mediaType: MediaType.dockerLayer) == tar)
        #expect(throws: OCIError.self) { try LayerBlob.uncompressed(tar, mediaType: MediaType.ociConfig) }
    }
}

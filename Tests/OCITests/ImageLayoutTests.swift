import Testing
@testable import OCI

@Suite("image layouts and the project's own images")
struct ImageLayoutTests {
    @Test("the same inputs give the same digests; different executables give different ones")
    func deterministic() {
        let first = ImageLibrary.helloWorld(helloExecutable: Array("hello v1".utf8))
        let second = ImageLibrary.helloWorld(helloExecutable: Array("hello v1".utf8))
        let other = ImageLibrary.helloWorld(helloExecutable: Array("hello v2".utf8))
        #expect(first.manifestDescriptor == second.manifestDescriptor)
        #expect(first.indexBytes == second.indexBytes)
        #expect(first.manifestDescriptor.digest != other.manifestDescriptor.digest)
        let busybox = ImageLibrary.busybox(busyboxExecutable: [1, 2, 3], applets: ["sh", "ls", "echo"])
        let again = ImageLibrary.busybox(busyboxExecutable: [1, 2, 3], applets: ["echo", "sh", "ls"])
        #expect(busybox.manifestDescriptor.digest == again.manifestDescriptor.digest)
    }

    @Test("hello-world's blobs reference each other by digest and size")
    func helloWorldBlobs() throws {
        let image = ImageLibrary.helloWorld(helloExecutable: Array("HELLO".utf8))
        let manifest = try Manifest.decode(image.blobs[image.manifestDescriptor.digest] ?? [])
        #expect(manifest.config == image.configDescriptor)
        #expect(manifest.layers == [image.layerDescriptor])
        try manifest.config.verify(image.configBytes)
        try manifest.layers[0].verify(image.layer)
        let configuration = try ImageConfiguration.decode(image.configBytes)
        #expect(configuration.config?.cmd == ["/hello"])
        #expect(configuration.rootfs.diffIDs == [image.diffID])
        #expect(configuration.created == ImageLibrary.created)
        let entries = try TarReader.entries(image.layer)
        #expect(entries.map(\.path) == ["hello"])
        #expect(entries[0].contents == Array("HELLO".utf8))
        #expect(entries[0].mode == 0o775)
        let index = try Index.decode(image.indexBytes)
        #expect(index.manifests[0].annotations?[AnnotationKey.refName] == "latest")
        #expect(index.manifests[0].annotations?[AnnotationKey.containerdImageName] == "docker.io/library/hello-world:latest")
    }

    @Test("busybox links every applet to /bin/busybox and carries root and nobody")
    func busybox() throws {
        let image = ImageLibrary.busybox(busyboxExecutable: [0x7f, 0x45], applets: ["sh", "ls"])
        let entries = try TarReader.entries(image.layer)
        let byPath = Dictionary(entries.map { ($0.path, $0) }, uniquingKeysWith: { $1 })
        #expect(byPath["bin/sh"]?.kind == .hardLink)
        #expect(byPath["bin/sh"]?.linkTarget == "bin/busybox")
        #expect(byPath["tmp"]?.mode == 0o1777)
        for directory in ["tmp", "root", "var", "home", "dev", "proc", "sys", "etc", "bin"] {
            #expect(byPath[directory]?.kind == .directory, "\(directory)")
        }
        let passwd = String(decoding: byPath["etc/passwd"]?.contents ?? [], as: UTF8.self)
        #expect(passwd.hasPrefix("root:x:0:0:"))
        #expect(passwd.contains("nobody:x:65534:65534:"))
        let busyboxIndex = entries.firstIndex { $0.path == "bin/busybox" } ?? entries.count
        let shIndex = entries.firstIndex { $0.path == "bin/sh" } ?? -1
        #expect(busyboxIndex < shIndex)
        let configuration = try ImageConfiguration.decode(image.configBytes)
        #expect(configuration.config?.cmd == ["sh"])
        #expect(configuration.config?.env == [Spec.defaultPathEnv])
        let symlinked = ImageLibrary.busybox(busyboxExecutable: [1], applets: ["sh"], appletLink: .symlink)
        let sh = try TarReader.entries(symlinked.layer).first { $0.path == "bin/sh" }
        #expect(sh?.kind == .symlink)
        #expect(sh?.linkTarget == "busybox")
    }

    @Test("the layout directory lists oci-layout, index.json and each blob under its digest")
    func layoutFiles() {
        let image = ImageLibrary.helloWorld(helloExecutable: [1])
        let paths = image.layoutFiles.map(\.path)
        #expect(paths.prefix(2) == ["oci-layout", "index.json"])
        #expect(Set(paths.dropFirst(2)) == Set(image.blobs.keys.map { "blobs/sha256/" + $0.encoded }))
        for file in image.layoutFiles.dropFirst(2) {
            #expect("blobs/sha256/" + Digest(of: file.bytes).encoded == file.path)
        }
    }

    @Test("files under directories the list does not name get parent directory entries first")
    func parents() {
        let files = ImageLayout.withParentDirectories([.file("/a/b/c", [1]), .directory("/a", mode: 0o700)])
        #expect(files.map(\.path) == ["/a", "/a/b", "/a/b/c"])
        #expect(files[0].mode == 0o700)
    }
}

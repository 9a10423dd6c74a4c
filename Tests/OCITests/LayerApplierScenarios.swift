import KernelInterface
import SimKernel
import Testing
@testable import OCI

/// Runs a scenario with a kernel and an empty scratch directory on it.
struct KernelFixture: Sendable, CustomTestStringConvertible {
    let name: String
    let run: @Sendable (_ scenario: @escaping @Sendable (Kernel, String) throws -> Void) throws -> Void
    var testDescription: String { name }

    /// A fresh simulated machine; the scenario runs as its pid 1 in `/scratch`.
    static let simulated = KernelFixture(name: "sim") { scenario in
        final class Box: @unchecked Sendable { var error: (any Error)? }
        let box = Box()
        let machine = SimMachine(.init(seed: 3))
        machine.installDirectory("/scratch")
        machine.installExecutable("/bin/scenario", program: Program(name: "scenario", participant: nil) { context in
            do { try scenario(context.kernel, "/scratch") } catch { box.error = error; return 1 }
            return 0
        })
        let status = try machine.boot(path: "/bin/scenario", arguments: ["scenario"], environment: [])
        if let error = box.error { throw error }
        #expect(status == .exited(0))
    }
}

/// `LayerApplier` against a filesystem seen through `Kernel`: the simulated machine's now; the
/// Linux backend joins with a scratch directory under /tmp.
@Suite("layer application through Kernel")
struct LayerApplierScenarios {
    static let kernels: [KernelFixture] = [.simulated]

    @Test("layers stack: files replace, whiteouts delete, opaque directories drop lower entries", arguments: kernels)
    func stacking(fixture: KernelFixture) throws {
        try fixture.run { try LayerApplierScenarios.stacking(kernel: $0, directory: $1) }
    }

    @Test("an archive cannot write outside the target, through names or planted symlinks", arguments: kernels)
    func breakout(fixture: KernelFixture) throws {
        try fixture.run { try LayerApplierScenarios.breakout(kernel: $0, directory: $1) }
    }

    @Test("overlay whiteouts become 0/0 character devices and opaque directories get the caller's mark", arguments: kernels)
    func overlayWhiteouts(fixture: KernelFixture) throws {
        try fixture.run { try LayerApplierScenarios.overlayWhiteouts(kernel: $0, directory: $1) }
    }

    @Test("an image layout written through Kernel reads back, and a corrupted blob is refused", arguments: kernels)
    func layoutRoundTrip(fixture: KernelFixture) throws {
        try fixture.run { try LayerApplierScenarios.layoutRoundTrip(kernel: $0, directory: $1) }
    }

    static func layoutRoundTrip(kernel: Kernel, directory: String) throws {
        let layout = joinPath(directory, "layout")
        defer { try? kernel.removeAll(layout) }
        let image = ImageLibrary.helloWorld(helloExecutable: [1, 2, 3])
        try image.write(to: layout, kernel: kernel)
        let index = try ImageLayout.readIndex(from: layout, kernel: kernel)
        #expect(index == image.index)
        let manifest = try Manifest.decode(ImageLayout.readBlob(index.manifests[0].digest, from: layout, kernel: kernel))
        #expect(try ImageLayout.readBlob(manifest.layers[0].digest, from: layout, kernel: kernel) == image.layer)
        try kernel.writeFile(joinPath(layout, ImageLayout.blobPath(manifest.config.digest)), "tampered")
        #expect(throws: OCIError.self) { try ImageLayout.readBlob(manifest.config.digest, from: layout, kernel: kernel) }
    }

    static func stacking(kernel: Kernel, directory: String) throws {
        let root = joinPath(directory, "rootfs")
        try kernel.mkdir(root, mode: 0o755)
        defer { try? kernel.removeAll(root) }
        let lower = TarWriter.archive([
            .directory("etc"), .file("etc/passwd", Array("root:x:0:0\n".utf8)), .file("etc/old", [1]),
            .directory("bin"), .file("bin/busybox", [0x7f], mode: 0o755), .hardLink("bin/sh", target: "bin/busybox"),
            .symlink("bin/ls", target: "busybox"), .characterDevice("dev/null", major: 1, minor: 3),
            .fifo("run/fifo"), .directory("opaque"), .file("opaque/a", [1]), .file("opaque/b", [2]),
        ])
        let upper = TarWriter.archive([
            .directory("etc", mode: 0o700), .file("etc/.wh.old", []), .file("bin/ls", [9], mode: 0o755),
            .directory("opaque"), .file("opaque/c", [3]), .file("opaque/.wh..wh..opq", []),
        ])
        #expect(try LayerApplier.apply(tar: lower, to: root, kernel: kernel) == 15)
        try LayerApplier.apply(tar: upper, to: root, kernel: kernel)

        #expect(try kernel.readFile(joinPath(root, "etc/passwd")) == Array("root:x:0:0\n".utf8))
        #expect(try kernel.lstat(joinPath(root, "etc")).permissions == 0o700)
        #expect(!kernel.exists(joinPath(root, "etc/old")))
        #expect(try kernel.lstat(joinPath(root, "bin/busybox")).linkCount == 2)
        #expect(try kernel.lstat(joinPath(root, "bin/ls")).kind == .regular)
        #expect(try kernel.lstat(joinPath(root, "dev/null")).kind == .characterDevice)
        #expect(try kernel.lstat(joinPath(root, "run/fifo")).kind == .fifo)
        let opaque = try kernel.readdir(joinPath(root, "opaque")).map(\.name).filter { $0 != "." && $0 != ".." }
        #expect(opaque == ["c"])
    }

    static func breakout(kernel: Kernel, directory: String) throws {
        let root = joinPath(directory, "rootfs")
        let outside = joinPath(directory, "outside")
        try kernel.mkdir(root, mode: 0o755)
        try kernel.mkdir(outside, mode: 0o755)
        defer {
            try? kernel.removeAll(root)
            try? kernel.removeAll(outside)
        }
        let planted = TarWriter.archive([
            .symlink("escape", target: outside), .file("escape/pwned", [1]),
            .symlink("up", target: "../outside"), .file("up/pwned2", [2]),
        ])
        try LayerApplier.apply(tar: planted, to: root, kernel: kernel)
        #expect(!kernel.exists(joinPath(outside, "pwned")))
        #expect(!kernel.exists(joinPath(outside, "pwned2")))
        #expect(kernel.exists(joinPath(root, String(outside.dropFirst()) + "/pwned")))
        let hostFile = joinPath(outside, "secret")
        try kernel.writeFile(hostFile, "secret")
        let linkOut = TarWriter.archive([.symlink("esc", target: outside), .hardLink("stolen", target: "esc/secret")])
        #expect(throws: OCIError.self) { try LayerApplier.apply(tar: linkOut, to: root, kernel: kernel) }
        #expect(throws: OCIError.self) {
            try LayerApplier.apply(tar: TarWriter.archive([.hardLink("stolen", target: "../outside/secret")]), to: root, kernel: kernel)
        }
        #expect(try kernel.lstat(hostFile).linkCount == 1)
        for name in ["../evil", "/evil"] {
            #expect(throws: OCIError.self) {
                try LayerApplier.apply(tar: TarWriter.archive([.file(name, [1])]), to: root, kernel: kernel)
            }
        }
    }

    static func overlayWhiteouts(kernel: Kernel, directory: String) throws {
        let root = joinPath(directory, "upper")
        try kernel.mkdir(root, mode: 0o755)
        defer { try? kernel.removeAll(root) }
        let layer = TarWriter.archive([
            .directory("etc"), .file("etc/.wh.old", []), .directory("opaque"), .file("opaque/.wh..wh..opq", []),
        ])
        let format = WhiteoutFormat.overlay { directory, kernel in
            try kernel.writeFile(joinPath(directory, ".opaque-mark"), "y")
        }
        try LayerApplier.apply(tar: layer, to: root, kernel: kernel, whiteouts: format)
        let whiteout = try kernel.lstat(joinPath(root, "etc/old"))
        #expect(whiteout.kind == .characterDevice)
        #expect(whiteout.deviceNumber.major == 0 && whiteout.deviceNumber.minor == 0)
        #expect(try kernel.readTextFile(joinPath(root, "opaque/.opaque-mark")) == "y")
    }
}

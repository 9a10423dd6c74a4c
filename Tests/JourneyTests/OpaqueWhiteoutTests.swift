@testable import Dockerd
import KernelInterface
import LinuxKernel
import OCI
import SimKernel
import Testing

/// dockerd unpacks each pulled layer into a directory of its own with overlayfs's whiteouts
/// (`Puller.overlayWhiteouts`); the container's root is an overlay of those directories. A
/// layer that makes a directory opaque (`.wh..wh..opq`) must hide everything the layers below
/// put in it, on the simulator and on Linux alike.
@Suite("Opaque whiteouts of pulled layers")
struct OpaqueWhiteoutTests {
    static let base = TarWriter.archive([
        .directory("etc"), .directory("etc/apt"), .file("etc/apt/sources.list", Array("old\n".utf8)),
        .file("etc/apt/keep-me-not", [1]), .file("etc/hostname", Array("base\n".utf8)),
    ])
    static let top = TarWriter.archive([
        .directory("etc"), .directory("etc/apt"), .file("etc/apt/.wh..wh..opq", []),
        .file("etc/apt/sources.list", Array("new\n".utf8)),
    ])

    /// Unpacks both layers as dockerd does, mounts them as a container's root and reads it back.
    static func scenario(kernel: Kernel, directory: String) throws {
        for part in ["base", "top", "upper", "work", "merged"] { try kernel.mkdirAll(joinPath(directory, part)) }
        _ = try LayerApplier.apply(tar: base, to: joinPath(directory, "base"), kernel: kernel, whiteouts: Puller.overlayWhiteouts)
        _ = try LayerApplier.apply(tar: top, to: joinPath(directory, "top"), kernel: kernel, whiteouts: Puller.overlayWhiteouts)
        #expect(try kernel.getxattr(joinPath(directory, "top/etc/apt"), "trusted.overlay.opaque") == Array("y".utf8))
        #expect(!kernel.exists(joinPath(directory, "top/etc/apt/.wh..wh..opq")), "the marker file itself is not unpacked")
        let merged = joinPath(directory, "merged")
        try kernel.mount(source: "overlay", target: merged, fstype: "overlay", flags: [], data:
            "lowerdir=\(directory)/top:\(directory)/base,upperdir=\(directory)/upper,workdir=\(directory)/work")
        defer { try? kernel.umount(merged, flags: .detach) }
        let names = try kernel.readdir(joinPath(merged, "etc/apt")).map(\.name).filter { $0 != "." && $0 != ".." }
        #expect(names == ["sources.list"])
        #expect(try kernel.readTextFile(joinPath(merged, "etc/apt/sources.list")) == "new\n")
        #expect(try kernel.readTextFile(joinPath(merged, "etc/hostname")) == "base\n", "directories that are not opaque still merge")
    }

    @Test("an opaque directory in a pulled layer hides the lower layers' entries (simulator)")
    func simulated() throws {
        final class Box: @unchecked Sendable { var error: (any Error)? }
        let box = Box()
        let machine = SimMachine(.init(seed: 5))
        machine.installDirectory("/scratch")
        machine.installExecutable("/bin/scenario", program: Program(name: "scenario", participant: nil) { context in
            do { try OpaqueWhiteoutTests.scenario(kernel: context.kernel, directory: "/scratch") } catch { box.error = error; return 1 }
            return 0
        })
        let status = try machine.boot(path: "/bin/scenario", arguments: ["scenario"], environment: [])
        if let error = box.error { throw error }
        #expect(status == .exited(0))
    }

    @Test("an opaque directory in a pulled layer hides the lower layers' entries (Linux overlayfs)",
          .enabled(if: LinuxKernel().getuid() == 0, "needs root: trusted.* extended attributes and mount(2)"))
    func linux() throws {
        let kernel = LinuxKernel()
        let directory = "/tmp/glassbox-opaque-\(kernel.getpid().rawValue)"
        try kernel.mkdirAll(directory)
        defer { try? kernel.removeAll(directory) }
        try OpaqueWhiteoutTests.scenario(kernel: kernel, directory: directory)
    }
}

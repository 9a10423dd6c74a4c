/// The images Glassbox makes itself instead of pulling: `hello-world` and `busybox`, each one
/// layer, shaped like Docker Hub's (hello-world is one static binary at `/hello`; busybox is
/// one binary at `/bin/busybox` with every applet linked to it, and a minimal /etc).
/// The executables are the caller's (a real static binary on Linux, a stand-in the simulator
/// registers as a program); the rest is fixed here, so digests depend only on those bytes.
public enum ImageLibrary {
    /// The `created` of both images: fixed so that their digests are stable.
    public static let created = "2026-01-01T00:00:00Z"

    /// How busybox's applets point at the binary: Docker Hub's busybox uses hard links.
    public enum AppletLink: Sendable {
        case hardLink, symlink
    }

    /// `hello-world:latest`: `/hello`, `Cmd ["/hello"]`.
    public static func helloWorld(helloExecutable: [UInt8]) -> ImageLayout {
        ImageLayout(
            files: [.file("/hello", helloExecutable, mode: 0o775)],
            config: .init(env: [Spec.defaultPathEnv], cmd: ["/hello"]),
            created: created,
            history: [
                .init(created: created, createdBy: "/bin/sh -c #(nop) COPY file:hello in / "),
                .init(created: created, createdBy: "/bin/sh -c #(nop)  CMD [\"/hello\"]", emptyLayer: true),
            ],
            reference: ImageReference(domain: ImageReference.defaultDomain, path: "library/hello-world", tag: "latest")
        )
    }

    /// `busybox:latest`: `/bin/busybox`, `/bin/<applet>` for each applet, /etc/passwd and
    /// /etc/group with root and nobody, the usual empty directories, `Cmd ["sh"]`.
    public static func busybox(busyboxExecutable: [UInt8], applets: [String], appletLink: AppletLink = .hardLink) -> ImageLayout {
        var files: [ImageFile] = [
            .directory("/bin"), .directory("/dev"), .directory("/etc"), .directory("/home"),
            .directory("/proc", mode: 0o555), .directory("/root", mode: 0o700), .directory("/sys", mode: 0o555),
            .directory("/tmp", mode: 0o1777), .directory("/usr"), .directory("/var"),
            .file("/bin/busybox", busyboxExecutable, mode: 0o755),
        ]
        for applet in applets.sorted() where applet != "busybox" {
            precondition(!applet.isEmpty && !applet.contains("/"), "an applet is a bare name: \(applet)")
            switch appletLink {
            case .hardLink: files.append(.hardLink("/bin/" + applet, target: "/bin/busybox"))
            case .symlink: files.append(.symlink("/bin/" + applet, target: "busybox"))
            }
        }
        files.append(.file("/etc/group", Array(group.utf8)))
        files.append(.file("/etc/passwd", Array(passwd.utf8)))
        return ImageLayout(
            files: files,
            config: .init(env: [Spec.defaultPathEnv], cmd: ["sh"]),
            created: created,
            history: [
                .init(created: created, createdBy: "/bin/sh -c #(nop) ADD file:busybox in / "),
                .init(created: created, createdBy: "/bin/sh -c #(nop)  CMD [\"sh\"]", emptyLayer: true),
            ],
            reference: ImageReference(domain: ImageReference.defaultDomain, path: "library/busybox", tag: "latest")
        )
    }

    /// busybox's /etc/passwd, reduced to root and nobody.
    public static let passwd = """
        root:x:0:0:root:/root:/bin/sh
        nobody:x:65534:65534:nobody:/home:/bin/false

        """

    /// busybox's /etc/group, reduced to root and nobody.
    public static let group = """
        root:x:0:
        nobody:x:65534:

        """
}

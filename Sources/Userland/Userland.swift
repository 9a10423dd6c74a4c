import KernelInterface

/// The programs the simulator's images carry: Docker's `hello-world` binary and a multi-call
/// `busybox`, the two images every tutorial runs.
///
/// Container programs do not write trace events (`participant: nil`): what a person watches is
/// the engine's hops around them. Every program reaches the OS only through its `Kernel`, so the
/// same code runs on the simulator and on real Linux.
public enum Userland {
    public static let programs: [Program] = [hello, busybox]

    /// `/hello` of the `hello-world` image.
    public static let hello = Program(name: "hello", participant: nil, main: Hello.main)

    /// `/bin/busybox`, which the image links as `/bin/sh`, `/bin/ls` … (see `busyboxApplets`).
    public static let busybox = Program(name: "busybox", participant: nil, main: Busybox.main)

    /// The applet names `busybox` answers to, for the image's `/bin/<applet>` links, sorted as
    /// `busybox --list` prints them.
    public static var busyboxApplets: [String] { Busybox.appletNames }
}

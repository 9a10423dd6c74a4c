import KernelInterface

/// The multi-call binary: one program, many names. As busybox's appletlib.c does, it runs the
/// applet named by the basename of argv[0] (`/bin/ls` runs `ls`), or by its first argument
/// when called as `busybox` (`busybox ls -l`).
enum Busybox {
    typealias Applet = @Sendable (ProcessContext) -> Int32

    static let version = "BusyBox v1.36.1 (Glassbox) multi-call binary."

    static let applets: [String: Applet] = [
        "cat": Cat.main, "echo": Echo.main, "env": Env.main, "false": { _ in 1 },
        "head": Head.main, "hostname": Hostname.main, "id": Id.main, "ls": Ls.main,
        "mkdir": Mkdir.main, "mount": Mount.main, "printf": Printf.main, "ps": Ps.main,
        "pwd": Pwd.main, "rm": Rm.main, "setsid": Setsid.main, "sh": ShellApplet.main, "sleep": Sleep.main,
        "stty": Stty.main, "touch": Touch.main, "true": { _ in 0 }, "uname": Uname.main, "wc": Wc.main,
    ]

    static var appletNames: [String] { applets.keys.sorted() }

    static func main(_ context: ProcessContext) -> Int32 {
        let invokedAs = appletName(argv0: context.arguments.first ?? "busybox")
        if invokedAs != "busybox" { return run(invokedAs, context) }
        let rest = Array(context.arguments.dropFirst())
        guard let first = rest.first else {
            context.printError(usage)
            return 1
        }
        switch first {
        case "--list":
            context.print(appletNames.joined(separator: "\n"))
            return 0
        case "--help":
            context.print(usage)
            return 0
        default:
            return run(appletName(argv0: first), context.with(arguments: rest))
        }
    }

    static func run(_ name: String, _ context: ProcessContext) -> Int32 {
        guard let applet = applets[name] else {
            context.complain(name, "applet not found")
            return 127
        }
        return applet(context)
    }

    /// The basename of argv[0], without the `-` a login shell's name starts with.
    static func appletName(argv0: String) -> String {
        let base = argv0.split(separator: "/").last.map(String.init) ?? argv0
        return base.hasPrefix("-") ? String(base.dropFirst()) : base
    }

    static var usage: String {
        """
        \(version)

        Usage: busybox [function [arguments]...]
           or: busybox --list
           or: function [arguments]...

        Currently defined functions:
        \t\(appletNames.joined(separator: ", "))
        """
    }
}

import KernelInterface

/// The `hello-world` image's program. Its text follows Docker's hello-world, naming the
/// components Glassbox really runs, with the platform from uname(2) where Docker prints the
/// image's architecture.
enum Hello {
    static func main(_ context: ProcessContext) -> Int32 {
        context.print(message(machine: platform(context.kernel.uname().machine)), terminator: "")
        return 0
    }

    /// The platform as Docker's hello-world prints it: Go's GOARCH name (`amd64`), not uname's
    /// (`x86_64`).
    static func platform(_ machine: String) -> String {
        switch machine {
        case "x86_64": return "amd64"
        case "aarch64": return "arm64"
        case "armv7l": return "arm"
        case "i686", "i386": return "386"
        default: return machine
        }
    }

    static func message(machine: String) -> String {
        """

        Hello from Glassbox!
        This message shows that your installation appears to be working correctly.

        To generate this message, Glassbox took the following steps:
         1. The glassbox client contacted dockerd, the Glassbox daemon, over its UNIX socket.
         2. dockerd pulled the "hello-world" image from the registry.
            (\(machine))
         3. dockerd asked containerd to create and start a container from that image;
            containerd started a containerd-shim for it, and the shim ran runc, which
            made the namespaces, the cgroup and the root filesystem and ran this program.
         4. The shim streamed this output back through containerd and dockerd to the
            glassbox client, which sent it to your terminal.

        To watch every one of those hops, run it again with a trace:
         $ glassbox --trace hello.jsonl run hello-world
         $ glassbox trace hello.jsonl

        For more examples and ideas, see the tutorials in the project's tutorials/ folder.


        """
    }
}

import Client
import Containerd
import Dockerd
import KernelInterface
import Registry
import Runc
import Shim
import SimKernel
import Userland

/// What a simulated machine has installed: the engine's programs where the layers expect them
/// (see README, "Paths"), the programs the built-in registry makes its images from, and the
/// init that starts dockerd and runs the client.
enum Installation {
    static let enginePrograms: [(String, Program)] = [
        ("/usr/bin/glassbox", ClientProgram.program),
        ("/usr/bin/glassbox-dockerd", DockerdProgram.program),
        ("/usr/bin/glassbox-containerd", ContainerdProgram.program),
        ("/usr/bin/glassbox-shim", ShimProgram.program),
        ("/usr/bin/glassbox-runc", RuncProgram.program),
        ("/usr/bin/glassbox-registry", RegistryProgram.program),
        ("/sbin/init", SimInit.program),
    ]

    /// The userland programs by name (`hello`, `busybox`).
    static func userland(_ name: String) -> Program? {
        Userland.programs.first(where: { $0.name == name })
    }

    static func install(into machine: SimMachine) {
        for (path, program) in enginePrograms { machine.installExecutable(path, program: program) }
        for program in Userland.programs { machine.register(program) }
        // The files the registry builds hello-world and busybox from (on Linux: the package's
        // static hello and Debian's busybox-static).
        machine.installFile("/usr/lib/glassbox/hello", contents: SimMachine.executableContents(program: "hello"), mode: 0o755)
        machine.installFile("/bin/busybox", contents: SimMachine.executableContents(program: "busybox"), mode: 0o755)
        machine.installFile("/etc/hostname", contents: Array("glassbox\n".utf8))
        machine.installFile("/etc/passwd", contents: Array("root:x:0:0:root:/root:/bin/sh\n".utf8))
        machine.installDirectory("/var/lib")
        machine.installDirectory("/var/log/glassbox")
        machine.installDirectory("/run")
    }
}

// `glassbox-hello`: the program of the hello-world image the built-in registry serves on Linux,
// linked statically so that it runs alone in an empty root filesystem.
import LinuxKernel
import Userland

LinuxProcess.run(Userland.hello)

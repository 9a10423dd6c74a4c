// `glassbox-shim`: the Shim program as a real process on the Linux kernel.
import LinuxKernel
import Shim

LinuxProcess.run(ShimProgram.program)

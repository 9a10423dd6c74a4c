// `glassbox-containerd`: the Containerd program as a real process on the Linux kernel.
import LinuxKernel
import Containerd

LinuxProcess.run(ContainerdProgram.program)

// `glassbox-runc`: the Runc program as a real process on the Linux kernel.
import LinuxKernel
import Runc

LinuxProcess.run(RuncProgram.program)

// `glassbox-dockerd`: the Dockerd program as a real process on the Linux kernel.
import LinuxKernel
import Dockerd

LinuxProcess.run(DockerdProgram.program)

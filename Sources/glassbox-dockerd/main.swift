// `glassbox-dockerd`: the Dockerd program as a real process on the Linux kernel, with SIGTERM
// and SIGINT blocked in every thread so that its signal trap takes them (DockerdProgram+Trap).
import LinuxKernel
import Dockerd

LinuxProcess.run(DockerdProgram.program, blocking: DockerdProgram.trappedSignals)

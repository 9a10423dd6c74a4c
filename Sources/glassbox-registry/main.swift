// `glassbox-registry`: the Registry program as a real process on the Linux kernel.
import LinuxKernel
import Registry

LinuxProcess.run(RegistryProgram.program)

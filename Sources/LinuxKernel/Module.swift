// The LinuxKernel module. See README.md, "Layout".

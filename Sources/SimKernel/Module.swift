// The SimKernel module. See README.md, "Layout".

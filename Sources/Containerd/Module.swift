// The Containerd module. See README.md, "Layout".

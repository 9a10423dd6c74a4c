// The Shim module. See README.md, "Layout".

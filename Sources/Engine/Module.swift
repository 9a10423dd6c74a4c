// The Engine module. See README.md, "Layout".

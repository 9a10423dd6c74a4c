// The Client module. See README.md, "Layout".

// The Runc module. See README.md, "Layout".

// The Registry module. See README.md, "Layout".

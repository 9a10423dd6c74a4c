// The Wire module. See README.md, "Layout".

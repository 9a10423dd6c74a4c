// The Render module. See README.md, "Layout".

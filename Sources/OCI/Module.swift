// The OCI module. See README.md, "Layout".

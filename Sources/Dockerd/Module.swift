// The Dockerd module. See README.md, "Layout".

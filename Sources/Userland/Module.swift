// The Userland module. See README.md, "Layout".

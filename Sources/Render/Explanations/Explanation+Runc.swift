/// runc's commands as the shim execs them.
extension Explanation {
    static let runc: [Explanation] = [
        Explanation("runc create", .hop("exec", "*runc * create *"),
            source: "runc create.go, utils_linux.go (startContainer); runc libcontainer/container_linux.go (Start, newInitProcess)",
            """
            runc reads the bundle's config.json (the OCI runtime spec), makes exec.fifo in its \
            state directory, and starts runc init in new namespaces. runc init builds the \
            container's world from inside (mounts, pivot_root, hostname) and then blocks opening \
            exec.fifo. runc create writes state.json with the init's pid and exits 0: the container \
            is created, its process waits, and nothing of the image has run yet.
            """),
        Explanation("runc start", .hop("exec", "*runc * start *"),
            source: "runc start.go; runc libcontainer/container_linux.go (exec, readFromExecFifo)",
            """
            runc start opens exec.fifo for reading. That releases runc init, blocked opening the \
            fifo for writing: it writes one byte and execs the container's program in its own \
            place, so the container's pid 1 is the image's command. runc start removes the fifo \
            and exits; the shim stays the program's parent.
            """),
        Explanation("runc delete", .hop("exec", "*runc * delete *"),
            source: "runc delete.go; runc libcontainer/container_linux.go (Destroy)",
            """
            With the container stopped, runc delete removes what runc kept for it: the state \
            directory with state.json and the container's cgroup.
            """),
        Explanation("runc kill", .hop("exec", "*runc * kill *"),
            source: "runc kill.go; runc libcontainer/container_linux.go (Signal)",
            "runc sends a signal to the container's init process, found from its state.json."),
        Explanation("runc state", .hop("exec", "*runc * state *"),
            source: "runc state.go",
            "runc prints the container's state (status, pid, bundle) as JSON from its state directory."),
    ]

    /// What runc init does inside the new namespaces, and the shim's own few calls that matter.
    static let initSyscalls: [Explanation] = [
        Explanation("exec.fifo", .syscall("*", args: "*exec.fifo*"),
            source: "runc libcontainer/container_linux.go (create, exec); runc libcontainer/standard_init_linux.go (Init)",
            """
            exec.fifo is how runc splits create from start. runc create makes this named pipe in \
            its state directory; runc init, once everything is set up, opens it for writing, which \
            blocks until someone opens the other end. runc start does, by opening it for reading: \
            init's open returns, it writes a byte and execs the program. So a created container has \
            its process, namespaces and mounts ready, and none of the image's code has run.
            """),
        Explanation("New namespaces", .syscall("clone*", args: "*CLONE_NEW*"),
            source: "runc libcontainer/nsenter/nsexec.c; runc libcontainer/container_linux.go (newInitProcess)",
            """
            clone with CLONE_NEW* flags starts runc init in fresh namespaces: its own mount table \
            (NEWNS), hostname (NEWUTS), IPC (NEWIPC), pid numbering in which it is pid 1 (NEWPID) \
            and network stack (NEWNET). Real runc does this in the C code of nsexec, before the Go \
            runtime starts threads, since a multi-threaded process cannot enter every namespace; \
            a Go program cannot fork, so runc re-executes itself as runc init. Glassbox's runc, \
            one thread, forks its init without an exec, as crun does: the init runs on in a copy \
            of runc's memory, the spec already read, and names itself runc:[2:INIT].
            """),
        Explanation("New namespaces (unshare)", .syscall("unshare", args: "*CLONE_NEW*"),
            source: "runc libcontainer/nsenter/nsexec.c",
            """
            unshare moves the calling process into new namespaces of the kinds named, as runc's \
            nsexec does for the user and cgroup namespaces before it clones the init.
            """),
        Explanation("pivot_root", .syscall("pivot_root"),
            source: "runc libcontainer/rootfs_linux.go (pivotRoot)",
            """
            pivot_root makes the container's rootfs the root of its mount namespace and puts the \
            old root under it, which runc then detaches (umount2 MNT_DETACH): the host's \
            filesystem is no longer reachable at all. chroot only changes where one process's path \
            lookups start; the old root stays mounted, and a process allowed to chroot can climb \
            back out of it (the classic escape through a directory fd kept outside).
            """),
        Explanation("Detach the old root", .syscall("umount*", args: "\".\", MNT_DETACH"),
            source: "runc libcontainer/rootfs_linux.go (pivotRoot)",
            "After pivot_root the old root is lazily unmounted, so no path leads back to the host."),
        Explanation("Hostname", .syscall("sethostname"),
            source: "runc libcontainer/standard_init_linux.go (Init)",
            """
            The container's hostname (Docker gives the short container id) is set in its own UTS \
            namespace; the host's name does not change.
            """),
        Explanation("Mounts", .syscall("mount"),
            source: "runc libcontainer/rootfs_linux.go (prepareRootfs, mountToRootfs)",
            """
            runc init mounts what the spec lists: proc, a tmpfs on /dev, devpts, sysfs, cgroup, \
            mqueue, shm, and Docker's bind mounts of resolv.conf, hostname and hosts. The first \
            mount makes / a recursive slave (or private) so nothing mounted here propagates back \
            to the host.
            """),
        Explanation("Device nodes", .syscall("mknod*"),
            source: "runc libcontainer/rootfs_linux.go (createDevices)",
            "runc makes the few device nodes every container gets (/dev/null, zero, full, tty, random, urandom)."),
        Explanation("The container's program", .syscall("execve"),
            source: "runc libcontainer/standard_init_linux.go (Init → system.Exec)",
            """
            runc init execs the container's program: the same process, pid 1 in the container, \
            becomes the image's command. From here on the container runs the image's code.
            """),
        Explanation("Child subreaper", .syscall("prctl", args: "PR_SET_CHILD_SUBREAPER*"),
            source: "containerd runtime/v2/shim/shim.go (subreaper); containerd sys/reaper",
            """
            The shim asks to be a child subreaper: an orphaned descendant, such as the container's \
            process once runc exits, is reparented to the shim rather than to pid 1, so the shim \
            can reap it and learn its exit status.
            """),
        Explanation("No new privileges", .syscall("prctl", args: "PR_SET_NO_NEW_PRIVS*"),
            source: "runc libcontainer/standard_init_linux.go (Init)",
            "Neither the program nor anything it execs can gain privileges (setuid bits are ignored)."),
        Explanation("Seccomp filter", .syscall("seccomp"),
            source: "runc libcontainer/seccomp; runc libcontainer/standard_init_linux.go (Init)",
            "runc loads the spec's seccomp filter, Docker's default profile, just before the exec."),
        Explanation("New session", .syscall("setsid"),
            source: "containerd runtime/v2/runc/v2/service.go (StartShim)",
            "A new session, with no controlling terminal: the daemonized shim survives its starter."),
    ]
}

/// containerd's API as dockerd calls it, and the shim's task API as containerd calls it.
extension Explanation {
    static let containerd: [Explanation] = [
        Explanation("Containers/Create", .hop("ttrpc", "*Containers/Create"),
            source: "containerd services/containers/local.go (Create); moby libcontainerd/remote/client.go (Create)",
            """
            A containerd container is metadata only: its id, the image, the runtime to use \
            (io.containerd.runc.v2) and the OCI spec dockerd wrote, stored in containerd's metadata \
            store under the moby namespace. No process and no shim exist yet.
            """),
        Explanation("Tasks/Create", .hop("ttrpc", "*Tasks/Create"),
            source: "containerd services/tasks/local.go (Create); containerd runtime/v2/manager.go (Create)",
            """
            A task is a container's running process. containerd writes the bundle (config.json and \
            the rootfs mounts), starts a shim for the container through its runtime v2 manager, and \
            asks that shim to create the task. When Tasks/Create returns, the container's process \
            exists with its namespaces and mounts, stopped just before it would exec.
            """),
        Explanation("Tasks/Start", .hop("ttrpc", "*Tasks/Start"),
            source: "containerd services/tasks/local.go (Start); containerd runtime/v2/shim.go (Start)",
            """
            containerd forwards start to the container's shim, which runs runc start. The answer \
            carries the pid of the container's process: it has been released to exec its program.
            """),
        Explanation("Tasks/Wait", .hop("ttrpc", "*Tasks/Wait"),
            source: "containerd services/tasks/local.go (Wait); moby libcontainerd/remote/client.go",
            """
            dockerd waits on the task: the call stays open until the shim reports the exit, then \
            returns the exit status and time. dockerd turns that into the container's die event and \
            the answer to the client's wait.
            """),
        Explanation("Tasks/Delete", .hop("ttrpc", "*Tasks/Delete"),
            source: "containerd services/tasks/local.go (Delete); containerd runtime/v2/shim.go (Delete)",
            """
            After the exit dockerd deletes the task: containerd asks the shim to delete it (runc \
            delete removes runc's state), keeps the exit status, and shuts the shim down. The \
            container's record stays until it is removed.
            """),
        Explanation("Containers/Delete", .hop("ttrpc", "*Containers/Delete"),
            source: "containerd services/containers/local.go (Delete)",
            "containerd drops the container's metadata; the container now exists only in dockerd's records."),
        Explanation("Version", .hop("ttrpc", "*Version/Version"),
            source: "containerd services/version/service.go; moby libcontainerd/remote/client.go",
            "dockerd checks that containerd answers and which version it runs before it uses it."),
        Explanation("Tasks/Kill", .hop("ttrpc", "*Tasks/Kill"),
            source: "containerd services/tasks/local.go (Kill)",
            "containerd forwards a signal to the container's process through its shim (runc kill)."),
    ]

    static let shim: [Explanation] = [
        Explanation("containerd execs shim start", .hop("exec", "*shim * start"),
            source: "containerd runtime/v2/binary.go (Start); containerd runtime/v2/runc/v2/service.go (StartShim)",
            """
            containerd does not keep the shim as its own child. It execs the shim binary with \
            start; that process starts a copy of itself in a new session (setsid), prints the \
            copy's socket address on stdout and exits. containerd reads the address and speaks \
            ttrpc to the daemonized copy, which is no longer its child: containerd can be \
            restarted or upgraded while containers keep running, and finds each shim again by its \
            socket.
            """),
        Explanation("Task/Create (shim)", .hop("ttrpc", "*Task/Create"),
            source: "containerd runtime/v2/runc/v2/service.go (Create); containerd pkg/process/init.go (Create)",
            """
            The shim makes the container with runc create, giving runc the bundle and stdio pipes \
            that the shim keeps. The shim, not runc, becomes the container's parent: runc exits as \
            soon as create (and later start) is done, while the shim is a child subreaper \
            (PR_SET_CHILD_SUBREAPER), so the orphaned container process is reparented to it. It \
            holds the stdio and is the one process that can wait(2) for the container's exit, on \
            containerd's behalf.
            """),
        Explanation("Task/Start (shim)", .hop("ttrpc", "*Task/Start"),
            source: "containerd runtime/v2/runc/v2/service.go (Start); containerd pkg/process/init_state.go",
            """
            The shim runs runc start and moves its record of the process from created to running \
            (containerd's init_state.go is the state machine).
            """),
        Explanation("Task/Wait (shim)", .hop("ttrpc", "*Task/Wait"),
            source: "containerd runtime/v2/runc/v2/service.go (Wait, processExits)",
            "The shim answers when its reaper has seen the container's process exit, with the status."),
        Explanation("Task/Delete (shim)", .hop("ttrpc", "*Task/Delete"),
            source: "containerd runtime/v2/runc/v2/service.go (Delete); containerd pkg/process/init.go (Delete)",
            "The shim runs runc delete, which removes runc's state for the container, and returns the exit status."),
        Explanation("Task/Shutdown", .hop("ttrpc", "*Task/Shutdown"),
            source: "containerd runtime/v2/runc/v2/service.go (Shutdown)",
            """
            containerd tells the shim it is no longer needed. With no container left to look \
            after, the shim closes its socket and exits.
            """),
        Explanation("Task/Kill (shim)", .hop("ttrpc", "*Task/Kill"),
            source: "containerd runtime/v2/runc/v2/service.go (Kill)",
            "The shim sends the signal to the container's process with runc kill."),
    ]
}

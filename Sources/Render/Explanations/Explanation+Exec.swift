/// `docker exec` at every hop: the Engine API's exec endpoints, containerd's and the shim's
/// exec methods, `runc exec`, the setns(2) that joins the container, and the exec events.
extension Explanation {
    static let exec: [Explanation] = [
        Explanation("Exec create", .hop("http", "POST */containers/*/exec"),
            source: "moby daemon/exec.go (ContainerExecCreate); docker/cli cli/command/container/exec.go (RunExec)",
            """
            docker exec first registers the command with dockerd: the container must be running, \
            and the answer is an exec id (64 hex), not a process. The exec inherits the \
            container's environment, user and working directory unless the request overrides \
            them; nothing runs until the exec is started.
            """),
        Explanation("Exec start", .hop("http", "POST /*exec/*/start"),
            source: "moby api/server/router/container/exec.go (postContainerExecStart); moby daemon/exec.go (ContainerExecStart)",
            """
            Like attach, exec start hijacks the connection (101 UPGRADED when the CLI asked to \
            upgrade) and carries the process's stdout and stderr as multiplexed frames until it \
            ends. dockerd makes a FIFO per stream and asks containerd to add the process to the \
            running task. When the program cannot be started the error text arrives on the \
            stream and the exec ends with 127 (not found) or 126.
            """),
        Explanation("Exec inspect", .hop("http", "GET /*exec/*/json"),
            source: "moby daemon/exec.go (ContainerExecInspect); docker/cli cli/command/container/exec.go (getExecExitStatus)",
            """
            After the stream ends the CLI asks how the exec ended: ExitCode (null while it still \
            runs) becomes docker exec's own exit status. dockerd keeps the exec's record after \
            the process is gone precisely so this question can be answered.
            """),
        Explanation("Exec resize", .hop("http", "POST /*exec/*/resize*"),
            source: "moby daemon/resize.go (ContainerExecResize)",
            "The CLI tells dockerd the terminal's size for an exec with a TTY; without one there is nothing to resize."),
        Explanation("Tasks/Exec", .hop("ttrpc", "*Tasks/Exec"),
            source: "containerd services/tasks/local.go (Exec); moby libcontainerd/remote/client.go (Exec)",
            """
            dockerd asks containerd for one more process in the container's task, named by the \
            exec id, described by an OCI process (args, env, cwd, user, capabilities) and with \
            the FIFOs for its stdio. containerd hands it to the task's shim; the process is only \
            recorded until Start.
            """),
        Explanation("Tasks/DeleteProcess", .hop("ttrpc", "*Tasks/DeleteProcess"),
            source: "containerd services/tasks/local.go (DeleteProcess); moby libcontainerd/remote/client.go (processEvent)",
            """
            After the exec'd process exited and its output drained, dockerd tells containerd to \
            forget it; the shim drops its record and its process file. The container's task is \
            untouched.
            """),
        Explanation("Task/Exec (shim)", .hop("ttrpc", "*Task/Exec"),
            source: "containerd runtime/v2/runc/v2/service.go (Exec); containerd pkg/process/exec.go",
            """
            The shim records the exec'd process and writes its OCI process to a file for runc. \
            The following Task/Start with the exec id runs runc exec --detach; the process is \
            then reparented to the shim, the subreaper, whose reaper reports its exit to \
            Task/Wait as it does for the container's first process.
            """),
        Explanation("runc exec", .hop("exec", "*runc * exec *"),
            source: "runc exec.go; runc libcontainer/process_linux.go (setnsProcess); runc libcontainer/nsenter/nsexec.c",
            """
            runc starts runc init again, this time to join an existing container: it opens \
            /proc/<pid of the container's init>/ns/* and calls setns(2) for each namespace, \
            joins the container's cgroup, applies the process's user, capabilities and \
            directory, and execs the program. Joining a pid namespace affects only children, so \
            the process that execs is a child made after that setns. With --detach runc writes \
            the pid file and exits at once.
            """),
        Explanation("Join a namespace", .syscall("setns"),
            source: "runc libcontainer/nsenter/nsexec.c (join_namespaces)",
            """
            setns(2) moves the calling process into the namespace a /proc/PID/ns file names. For \
            a pid namespace only the caller's later children enter it; for a mount namespace \
            the root and working directory become the container's.
            """),
        Explanation("Event: exec_create", .lifecycle("container.exec_create*"),
            source: "moby daemon/exec.go (ContainerExecCreate, LogContainerEventWithAttributes)",
            "dockerd's event for a registered exec; the action carries the command, the attributes its execID."),
        Explanation("Event: exec_start", .lifecycle("container.exec_start*"),
            source: "moby daemon/exec.go (ContainerExecStart)",
            "dockerd's event written just before it asks containerd to start the exec'd process."),
        Explanation("Event: exec_die", .lifecycle("container.exec_die"),
            source: "moby daemon/monitor.go (ProcessEvent, exit of an exec)",
            "The exec'd process has exited and its output is drained: the event carries the execID and exitCode."),
    ]
}

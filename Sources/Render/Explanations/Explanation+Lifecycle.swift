/// State changes: Docker's container events, runc's states and the shim's.
extension Explanation {
    static let lifecycle: [Explanation] = [
        Explanation("Event: create", .lifecycle("container.create"),
            source: "moby daemon/events.go (LogContainerEvent)",
            "dockerd announces the new container on its event stream, as docker events shows it."),
        Explanation("Event: start", .lifecycle("container.start"),
            source: "moby daemon/start.go; moby daemon/events.go (LogContainerEvent)",
            "dockerd announces that the container's process runs."),
        Explanation("Event: die", .lifecycle("container.die"),
            source: "moby daemon/monitor.go (handleContainerExit); moby daemon/events.go",
            """
            dockerd learned from containerd that the process exited; it records the exit code, \
            answers waiting clients, and announces die with the exitCode.
            """),
        Explanation("Event: destroy", .lifecycle("container.destroy"),
            source: "moby daemon/delete.go (cleanupContainer)",
            "The container was removed; dockerd announces destroy."),
        Explanation("Event: pull", .lifecycle("image.pull"),
            source: "moby daemon/images/image_pull.go (PullImage); moby daemon/events.go (LogImageEvent)",
            """
            dockerd has every blob of the image, each checked against its digest, and its layers \
            unpacked; it tags the image and announces pull on its event stream.
            """),
        Explanation("Event: stop", .lifecycle("container.stop"),
            source: "moby daemon/stop.go (containerStop)",
            """
            dockerd sent the stop signal (SIGTERM unless the image says otherwise) through \
            containerd's Tasks/Kill, waited the grace period, and sent SIGKILL if the process was \
            still there. A container's pid 1 ignores signals it has no handler for, so a plain \
            `sleep` only stops at the SIGKILL.
            """),
        Explanation("Restore", .lifecycle("container.restore"),
            source: "moby daemon/daemon.go (restore); moby container/container.go (FromDisk)",
            """
            A dockerd starting on a data root that already holds containers read this one back from \
            its config.v2.json, before serving the API. One recorded as running was checked with \
            containerd's Tasks/Get: a task that died with the last daemon leaves it exited (255), \
            one still alive is stopped, as Docker does without --live-restore.
            """),
        Explanation("Task loaded", .lifecycle("task.load"),
            source: "containerd runtime/v2/manager.go (loadExistingTasks)",
            """
            A containerd starting where an earlier one died found this task's bundle, read the \
            shim's address from it and reached the shim, which had outlived the old containerd: \
            the task is known again, so dockerd can ask about it, stop it and delete it.
            """),
        Explanation("Event: kill", .lifecycle("container.kill"),
            source: "moby daemon/kill.go (killWithSignal)",
            "dockerd asked containerd to send a signal to the container's process (Tasks/Kill)."),
        Explanation("Event: restart", .lifecycle("container.restart"),
            source: "moby daemon/restart.go (containerRestart)",
            "dockerd stopped the container and started it again: a new task, a new shim, a new runc create."),
        Explanation("Event: rename", .lifecycle("container.rename"),
            source: "moby daemon/rename.go (ContainerRename)",
            "dockerd gave the container a new name; its id, and everything below dockerd, stay the same."),
        Explanation("Event: export", .lifecycle("container.export"),
            source: "moby daemon/export.go (containerExport)",
            "dockerd wrote the container's root filesystem (its layers as the container sees them) as one tar stream."),
        Explanation("Event: image", .lifecycle("image.*"),
            source: "moby daemon/images (ImportImage, TagImage, ImageDelete); moby daemon/events.go (LogImageEvent)",
            """
            dockerd changed its image store: an image imported from a tarball, a name (tag) added \
            or removed, or an image deleted with the layers no other image uses.
            """),
        Explanation("Shim daemonized", .lifecycle("shim.daemonized"),
            source: "containerd runtime/v2/runc/v2/service.go (StartShim); containerd runtime/v2/shim/shim.go",
            """
            The shim started by containerd has started its long-lived copy in a new session; the \
            starter prints the copy's address and exits, leaving the copy without containerd as \
            its parent.
            """),
        Explanation("Created", .lifecycle("*created"),
            source: "runc libcontainer/container_linux.go (currentStatus, Created)",
            "runc's state is created: runc init waits on exec.fifo, with namespaces and mounts in place."),
        Explanation("Running", .lifecycle("*running"),
            source: "runc libcontainer/container_linux.go (Running)",
            "runc's state is running: the container's program has been exec'd."),
        Explanation("Started", .lifecycle("*started"),
            source: "runc libcontainer/container_linux.go (Running)",
            "runc's state is running: the container's program has been exec'd."),
        Explanation("Exit", .lifecycle("process.exit"),
            source: "containerd runtime/v2/runc/v2/service.go (processExits, checkProcesses); containerd sys/reaper",
            """
            The shim's reaper (SIGCHLD, then wait4) saw the container's process exit. It records \
            the status, answers waiting Task/Wait calls and publishes a TaskExit event.
            """),
        Explanation("Stopped", .lifecycle("*stopped"),
            source: "runc libcontainer/container_linux.go (Stopped); containerd runtime/v2/runc/v2/service.go",
            "The container's process has exited and been reaped by the shim; its state is stopped."),
        Explanation("Deleted", .lifecycle("*deleted"),
            source: "runc delete.go",
            "runc removed the container's state: the container no longer exists for runc."),
    ]

    /// One per protocol, for hops no entry above describes.
    static let generic: [Explanation] = [
        Explanation("Engine API call", .hop("http", "*"), source: "moby api/server/router", generic: true,
            "An HTTP request to an API: the request line says what is asked, the status how it went."),
        Explanation("RPC", .hop("ttrpc", "*"), source: "containerd api/services; containerd runtime/v2/task/shim.proto",
            generic: true, "A ttrpc call: a method of a containerd service and its protobuf payload, here as JSON."),
        Explanation("Program started", .hop("exec", "*"), source: "Glassbox docs/TRACE-SCHEMA.md (exec hops)",
            generic: true, "A parent starts a program with clone and execve; the response is its exit status."),
        Explanation("State change", .lifecycle("*"), source: "moby daemon/events.go", generic: true,
            "A participant changed state: a container, a process or a daemon moved to the named step."),
    ]
}

/// `docker run -it` and `exec -it` at every hop that a terminal adds: the pty runc makes in the
/// container, the console socket that carries its master to the shim, the window size from the
/// CLI's SIGWINCH through dockerd, containerd and the shim to the master.
extension Explanation {
    static let terminal: [Explanation] = [
        Explanation("Container resize", .hop("http", "POST */containers/*/resize*"),
            source: "moby daemon/resize.go (ContainerResize); docker/cli cli/command/container/tty.go (MonitorTtySize, resizeTtyTo)",
            """
            The CLI tells dockerd its terminal's size, rows in h and columns in w: once when the \
            container has started and again on every SIGWINCH, which the kernel sends the CLI when \
            its own window changes. dockerd passes the size on to containerd (Tasks/ResizePty); \
            without a TTY there is nothing to resize.
            """),
        Explanation("Tasks/ResizePty", .hop("ttrpc", "*Tasks/ResizePty"),
            source: "containerd services/tasks/local.go (ResizePty); moby libcontainerd/remote/client.go (ResizeTerminal)",
            """
            containerd forwards the size to the shim of the container's task, naming the process: \
            the container's own (an empty exec id) or one exec'd into it, each with a pty of its \
            own.
            """),
        Explanation("Task/ResizePty (shim)", .hop("ttrpc", "*Task/ResizePty"),
            source: "containerd runtime/v2/runc/v2/service.go (ResizePty); containerd pkg/process/init.go (Resize)",
            """
            Only the shim can apply a size: it holds the pty master that runc handed over. It \
            sets the size on the master with ioctl TIOCSWINSZ; the kernel then sends SIGWINCH to \
            the terminal's foreground process group in the container, and a shell redraws.
            """),
        Explanation("The console socket hand-off", .syscall("sendmsg", args: "*SCM_RIGHTS*"),
            source: "runc libcontainer/init_linux.go (setupConsole); runc libcontainer/utils/cmsg.go (SendFd); containerd pkg/process/init.go (Create)",
            """
            runc init opens the container's /dev/ptmx after pivot_root, so the pty belongs to the \
            container's own devpts, and sends the master over the --console-socket with SCM_RIGHTS: \
            the descriptor itself travels, not its number. The receiver is the shim, because \
            runc exits right after create and someone who stays must hold the master to copy the \
            terminal to and from the client's FIFOs; a closed master would hang up the container's \
            terminal.
            """),
        Explanation("A pseudo-terminal", .syscall("openpty"),
            source: "runc libcontainer/console_linux.go (NewPty via containerd/console); containerd console/console_linux.go",
            """
            Opening /dev/ptmx makes a pty pair: the master, which a program on the outside reads \
            and writes, and the slave /dev/pts/N, which the container's process uses as its \
            terminal. Between them the kernel's line discipline echoes what is typed, turns \
            newlines into CRLF and ^C into SIGINT.
            """),
        Explanation("The controlling terminal", .syscall("ioctl", args: "*TIOCSCTTY*"),
            source: "runc libcontainer/init_linux.go (setupConsole, system.Setctty)",
            """
            With the slave on its standard input, output and error, runc init, leader of the \
            container's new session, makes it the session's controlling terminal: ^C typed on it \
            now signals the container's foreground processes.
            """),
        Explanation("The window size", .syscall("ioctl", args: "*TIOCSWINSZ*"),
            source: "containerd console/console_linux.go (Resize); moby daemon/resize.go",
            "ioctl TIOCSWINSZ sets a pty's rows and columns; a change sends SIGWINCH to the terminal's foreground process group."),
    ]
}

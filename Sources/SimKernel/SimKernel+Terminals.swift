import KernelInterface

/// Terminal calls on the simulated pseudo-terminals of VFS/PseudoTerminal.swift: isatty(3),
/// tcsetattr(3) raw mode, TIOCGWINSZ/TIOCSWINSZ, openpty and TIOCSCTTY.
extension SimKernel {
    /// isatty(3): either end of a pseudo-terminal.
    public func isatty(_ fd: FileDescriptor) -> Bool {
        query { _ in
            guard let file = try? process.files.file(fd), case .terminal = file.object else { return false }
            return true
        }
    }

    /// tcsetattr(3) with cfmakeraw(3)'s flags, or back to the mode saved when raw mode was set.
    public func setTerminalRaw(_ fd: FileDescriptor, _ raw: Bool) throws {
        try call { _ in
            let terminal = try terminalOf(fd)
            if raw {
                if terminal.mode != .raw { terminal.savedMode = terminal.mode }
                terminal.mode = .raw
            } else if let saved = terminal.savedMode {
                terminal.savedMode = nil
                machine.switchMode(of: terminal, to: saved)
            }
        }
    }

    /// ioctl(2) TIOCGWINSZ: 0x0 until someone sets a size, as on Linux.
    public func windowSize(_ fd: FileDescriptor) throws -> (rows: UInt16, columns: UInt16) {
        try call { _ in
            let terminal = try terminalOf(fd)
            return (terminal.rows, terminal.columns)
        }
    }

    /// ioctl(2) TIOCSWINSZ on either end: a change sends SIGWINCH to the foreground process group.
    public func setWindowSize(_ fd: FileDescriptor, rows: UInt16, columns: UInt16) throws {
        try call { _ in
            let terminal = try terminalOf(fd)
            guard terminal.rows != rows || terminal.columns != columns else { return }
            terminal.rows = rows
            terminal.columns = columns
            machine.signalForeground(of: terminal, .SIGWINCH)
        }
    }

    /// posix_openpt(3) + unlockpt(3) + ptsname(3): opens `/dev/ptmx` as this process resolves it.
    public func openpty(closeOnExec: Bool) throws -> (master: FileDescriptor, slavePath: String) {
        try call { thread in
            let file = try machine.openFile("/dev/ptmx", [.readWrite, .noControllingTerminal], mode: 0, thread: thread)
            guard case let .terminal(terminal, .master) = file.object else {
                file.retain()
                file.release()
                throw Errno.ENOTTY
            }
            let fd = try machine.install(file, in: process, closeOnExec: closeOnExec)
            return (fd, "/dev/pts/\(terminal.number)")
        }
    }

    /// ioctl(2) TIOCSCTTY with argument 0: EPERM unless the caller leads its session and the
    /// terminal is no other session's.
    public func setControllingTerminal(_ fd: FileDescriptor) throws {
        try call { _ in
            let terminal = try terminalOf(fd)
            guard process.sessionID == process.globalPID else { throw Errno.EPERM }
            if let session = terminal.session, session != process.sessionID { throw Errno.EPERM }
            terminal.session = process.sessionID
            terminal.foregroundGroup = process.processGroupID
        }
    }

    private func terminalOf(_ fd: FileDescriptor) throws -> PseudoTerminal {
        guard case let .terminal(terminal, _) = try file(fd).object else { throw Errno.ENOTTY }
        return terminal
    }
}

extension SimMachine {
    /// Opening a devpts `ptmx` makes a new pair (its slave the lowest free number in that
    /// instance); opening a slave node gives a description of it. Nil for other devices.
    func openTerminal(_ inode: Inode, _ flags: OpenFlags, location: Location, process: SimProcess) throws -> OpenFile? {
        switch inode.deviceNumber {
        case (5, 2):
            guard inode.filesystem.type == "devpts" else { throw Errno.ENXIO }
            let directory = inode.filesystem.root
            var number = 0
            while directory.entries[String(number)] != nil { number += 1 }
            let slave = inode.filesystem.makeInode(.characterDevice, permissions: 0o620)
            slave.deviceNumber = (136, UInt32(number))
            slave.uid = process.credentials.uid
            slave.modified = clock.now
            slave.parent = directory
            directory.entries[String(number)] = slave
            let terminal = PseudoTerminal(number: number, slave: slave, master: inode)
            slave.terminal = terminal
            return OpenFile(.terminal(terminal, .master), flags: flags, location: location) { [unowned self] _ in
                self.hangUp(terminal)
            }
        case (136, _):
            guard let terminal = inode.terminal else { throw Errno.EIO }
            return try openSlave(terminal, flags, location: location)
        default:
            return nil
        }
    }

    /// A new description of the slave, counted while open; EIO once the master is gone.
    func openSlave(_ terminal: PseudoTerminal, _ flags: OpenFlags, location: Location?) throws -> OpenFile {
        guard !terminal.hungUp else { throw Errno.EIO }
        terminal.slaveOpens += 1
        terminal.slaveWasOpened = true
        return OpenFile(.terminal(terminal, .slave), flags: flags, location: location) { _ in
            terminal.slaveOpens -= 1
        }
    }

    /// The master's last close: the slave is hung up (reads end, writes fail EIO), the session
    /// gets SIGHUP (tty_vhangup), and the pts node goes away (devpts_pty_kill).
    func hangUp(_ terminal: PseudoTerminal) {
        terminal.masterOpen = false
        if terminal.slave.parent?.entries[String(terminal.number)] === terminal.slave {
            terminal.slave.parent?.entries[String(terminal.number)] = nil
        }
        terminal.slave.terminal = nil
        if let session = terminal.session {
            for process in processes where process.sessionID == session || process.processGroupID == terminal.foregroundGroup {
                deliver(.SIGHUP, to: process, from: nil)
            }
        }
    }

    func signalForeground(of terminal: PseudoTerminal, _ signal: Signal) {
        guard let group = terminal.foregroundGroup else { return }
        for process in processes where process.processGroupID == group { deliver(signal, to: process, from: nil) }
    }

    /// Leaving raw mode for canonical: what was typed meanwhile becomes the line being edited.
    func switchMode(of terminal: PseudoTerminal, to mode: PseudoTerminal.Mode) {
        if mode.canonical, !terminal.mode.canonical {
            terminal.editing = terminal.rawInput
            terminal.rawInput = []
        } else if !mode.canonical, terminal.mode.canonical {
            terminal.rawInput = terminal.lines.flatMap { $0 } + terminal.editing
            terminal.lines = []
            terminal.editing = []
        }
        terminal.mode = mode
    }

    /// read(2): the slave blocks for a line (or a byte when raw) and reads end of file after a
    /// hang-up; the master blocks for output and fails EIO once every slave description closed.
    func readTerminal(_ terminal: PseudoTerminal, _ side: TerminalSide, _ file: OpenFile, count: Int, thread: SimThread) throws -> [UInt8] {
        switch side {
        case .slave:
            while !terminal.slaveReadable {
                if file.flags.contains(.nonBlocking) { throw Errno.EAGAIN }
                try block(thread, "read on /dev/pts/\(terminal.number)") { terminal.slaveReadable }
            }
            return terminal.takeInput(count)
        case .master:
            while terminal.output.isEmpty {
                if terminal.slaveClosed { throw Errno.EIO }
                if file.flags.contains(.nonBlocking) { throw Errno.EAGAIN }
                try block(thread, "read on ptmx (pts \(terminal.number))") { terminal.masterReadable }
            }
            return terminal.takeOutput(count)
        }
    }

    /// write(2): the slave's bytes go out through output processing (EIO after a hang-up); the
    /// master's go in through the line discipline, whose signals reach the foreground group.
    func writeTerminal(_ terminal: PseudoTerminal, _ side: TerminalSide, _ bytes: [UInt8]) throws -> Int {
        switch side {
        case .slave:
            if terminal.hungUp { throw Errno.EIO }
            terminal.appendOutput(bytes)
        case .master:
            for signal in terminal.receive(bytes) { signalForeground(of: terminal, signal) }
        }
        return bytes.count
    }
}

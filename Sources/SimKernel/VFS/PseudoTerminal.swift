import KernelInterface

/// Which end of a pseudo-terminal a description holds.
enum TerminalSide { case master, slave }

/// A pseudo-terminal pair (Linux's drivers/tty/pty.c with the n_tty line discipline), made by
/// opening a devpts instance's `ptmx`; the slave is that instance's `N`.
///
///     master write ──▶ line discipline (ICRNL, ISIG, ICANON editing, ECHO) ──▶ slave read
///     slave write  ──▶ output processing (OPOST|ONLCR: "\n" → "\r\n")      ──▶ master read
///
/// What is kept of termios is what a shell and a raw-mode client observe: canonical lines with
/// erase, kill and end of file; echo; ^C and ^\ as signals to the foreground process group;
/// cfmakeraw(3)'s raw mode. Buffers are unbounded (a write never blocks), as the simulator's
/// sockets are.
final class PseudoTerminal {
    /// The termios flags modelled, all on by default as a fresh Linux pty has them.
    struct Mode: Equatable {
        var canonical = true
        var echo = true
        var signals = true
        var mapCarriageReturn = true
        var mapNewlineOut = true

        /// cfmakeraw(3): every flag above off.
        static let raw = Mode(canonical: false, echo: false, signals: false, mapCarriageReturn: false, mapNewlineOut: false)
    }

    let number: Int
    /// `/dev/pts/N` (character device 136, N) and the `ptmx` it was made through (5, 2).
    let slave: Inode
    let master: Inode
    var mode = Mode()
    /// The mode before the last switch to raw, put back by the switch back.
    var savedMode: Mode?
    var rows: UInt16 = 0
    var columns: UInt16 = 0
    /// Whole canonical lines waiting for a reader; an empty line is an end of file (^D).
    var lines: [[UInt8]] = []
    /// The canonical line being edited.
    var editing: [UInt8] = []
    /// Input in non-canonical mode.
    var rawInput: [UInt8] = []
    var output: [UInt8] = []
    var masterOpen = true
    var slaveOpens = 0
    var slaveWasOpened = false
    /// The session this is the controlling terminal of (its leader's global pid), and the
    /// foreground process group (TIOCSCTTY makes it the leader's).
    var session: Int32?
    var foregroundGroup: Int32?

    init(number: Int, slave: Inode, master: Inode) {
        self.number = number
        self.slave = slave
        self.master = master
    }

    var hungUp: Bool { !masterOpen }

    /// Readable for poll(2) and read(2) from the slave: a line (or raw byte), or a hang-up.
    var slaveReadable: Bool { hungUp || (mode.canonical ? !lines.isEmpty : !rawInput.isEmpty) }
    /// Readable from the master: output, or every slave closed (read gives EIO).
    var masterReadable: Bool { !output.isEmpty || slaveClosed }
    var slaveClosed: Bool { slaveWasOpened && slaveOpens == 0 }

    /// What the slave's reader gets: the first line in canonical mode (or part of it), what
    /// there is in raw mode; empty for an end of file.
    func takeInput(_ count: Int) -> [UInt8] {
        guard mode.canonical else {
            let taken = Array(rawInput.prefix(count))
            rawInput.removeFirst(taken.count)
            return taken
        }
        guard let line = lines.first else { return [] }
        if line.count > count {
            lines[0] = Array(line.dropFirst(count))
            return Array(line.prefix(count))
        }
        lines.removeFirst()
        return line
    }

    func takeOutput(_ count: Int) -> [UInt8] {
        let taken = Array(output.prefix(count))
        output.removeFirst(taken.count)
        return taken
    }

    /// Output processing of what the slave writes (OPOST|ONLCR).
    func appendOutput(_ bytes: [UInt8]) {
        guard mode.mapNewlineOut else {
            output += bytes
            return
        }
        for byte in bytes {
            if byte == 0x0A { output.append(0x0D) }
            output.append(byte)
        }
    }

    /// The line discipline on bytes written to the master (n_tty_receive_buf). Returns the
    /// signals to send to the foreground process group, in order.
    func receive(_ bytes: [UInt8]) -> [Signal] {
        var signals: [Signal] = []
        for var byte in bytes {
            if mode.mapCarriageReturn, byte == 0x0D { byte = 0x0A }
            if mode.signals, let signal = PseudoTerminal.signalKeys[byte] {
                signals.append(signal)
                editing = []
                if mode.echo { echoControl(byte) }
                continue
            }
            guard mode.canonical else {
                rawInput.append(byte)
                if mode.echo { appendOutput([byte]) }
                continue
            }
            edit(byte)
        }
        return signals
    }

    /// ^C is SIGINT, ^\ is SIGQUIT (ISIG with the default VINTR and VQUIT).
    static let signalKeys: [UInt8: Signal] = [0x03: .SIGINT, 0x1C: .SIGQUIT]

    /// ICANON editing: VERASE (DEL or ^H) takes back a byte, VKILL (^U) the line, VEOF (^D)
    /// hands over the line without its end (an empty one is end of file), "\n" ends the line.
    private func edit(_ byte: UInt8) {
        switch byte {
        case 0x7F, 0x08:
            guard !editing.isEmpty else { return }
            editing.removeLast()
            if mode.echo { output += [0x08, 0x20, 0x08] }
        case 0x15:
            if mode.echo { for _ in editing { output += [0x08, 0x20, 0x08] } }
            editing = []
        case 0x04:
            lines.append(editing)
            editing = []
        case 0x0A:
            lines.append(editing + [0x0A])
            editing = []
            if mode.echo { appendOutput([0x0A]) }
        default:
            editing.append(byte)
            if mode.echo {
                if byte < 0x20, byte != 0x09 { echoControl(byte) } else { output.append(byte) }
            }
        }
    }

    /// ECHOCTL: a control character echoes as `^X`.
    private func echoControl(_ byte: UInt8) {
        output += [0x5E, byte + 0x40]
    }
}

import Glibc
import KernelInterface
import Synchronization

/// The terminal modes saved when raw mode was set, by descriptor, to put back afterwards.
private let savedModes = Mutex<[Int32: termios]>([:])

extension LinuxKernel {
    /// The corresponding C function is `isatty(3)` (ioctl `TCGETS`).
    public func isatty(_ fd: FileDescriptor) -> Bool {
        Glibc.isatty(fd.rawValue) == 1
    }

    /// The corresponding C functions are `tcgetattr(3)`, `cfmakeraw(3)` and `tcsetattr(3)`.
    public func setTerminalRaw(_ fd: FileDescriptor, _ raw: Bool) throws {
        if raw {
            var mode = termios()
            guard tcgetattr(fd.rawValue, &mode) == 0 else { throw Errno(rawValue: errno) }
            savedModes.withLock { $0[fd.rawValue] = mode }
            cfmakeraw(&mode)
            guard tcsetattr(fd.rawValue, TCSANOW, &mode) == 0 else { throw Errno(rawValue: errno) }
        } else {
            guard var mode = savedModes.withLock({ $0.removeValue(forKey: fd.rawValue) }) else { return }
            guard tcsetattr(fd.rawValue, TCSANOW, &mode) == 0 else { throw Errno(rawValue: errno) }
        }
    }

    /// The corresponding C call is `ioctl(2)` with `TIOCGWINSZ`.
    public func windowSize(_ fd: FileDescriptor) throws -> (rows: UInt16, columns: UInt16) {
        var size = winsize()
        guard ioctl(fd.rawValue, UInt(TIOCGWINSZ), &size) == 0 else { throw Errno(rawValue: errno) }
        return (size.ws_row, size.ws_col)
    }
}

extension LinuxKernel {
    /// What `posix_openpt(3)`, `unlockpt(3)` and `ptsname(3)` do, spelled as their syscalls:
    /// open(2) of `/dev/ptmx` with `O_NOCTTY`, ioctl `TIOCSPTLCK` with 0 to unlock the slave,
    /// ioctl `TIOCGPTN` for its number (grantpt(3) is a no-op on devpts). runc's
    /// console.NewPty makes its pair the same way.
    public func openpty(closeOnExec: Bool) throws -> (master: FileDescriptor, slavePath: String) {
        let master = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY | (closeOnExec ? O_CLOEXEC : 0))
        guard master >= 0 else { throw Errno(rawValue: errno) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, LinuxKernel.setPtyLock, &unlock) == 0, ioctl(master, LinuxKernel.getPtyNumber, &number) == 0 else {
            let failure = Errno(rawValue: errno)
            Glibc.close(master)
            throw failure
        }
        return (FileDescriptor(master), "/dev/pts/\(number)")
    }

    /// `_IOW('T', 0x31, int)` and `_IOR('T', 0x30, unsigned int)` from <asm-generic/ioctls.h>,
    /// which Swift's Glibc module cannot import (they are function-like macros).
    static let setPtyLock: UInt = 0x4004_5431
    static let getPtyNumber: UInt = 0x8004_5430

    /// The corresponding C call is `ioctl(2)` with `TIOCSWINSZ`.
    public func setWindowSize(_ fd: FileDescriptor, rows: UInt16, columns: UInt16) throws {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(fd.rawValue, UInt(TIOCSWINSZ), &size) == 0 else { throw Errno(rawValue: errno) }
    }

    /// The corresponding C call is `ioctl(2)` with `TIOCSCTTY` and argument 0 (never steal a
    /// terminal that is another session's).
    public func setControllingTerminal(_ fd: FileDescriptor) throws {
        guard ioctl(fd.rawValue, UInt(TIOCSCTTY), 0) == 0 else { throw Errno(rawValue: errno) }
    }
}

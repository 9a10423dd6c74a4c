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

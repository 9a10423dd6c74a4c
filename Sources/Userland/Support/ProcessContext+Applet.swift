import KernelInterface

extension ProcessContext {
    /// Writes `applet: message` to standard error, as busybox's bb_error_msg does.
    func complain(_ applet: String, _ message: String) {
        printError("\(applet): \(message)")
    }

    /// Writes bytes to standard output; false when the write failed (a closed pipe).
    @discardableResult
    func output(_ bytes: [UInt8]) -> Bool {
        (try? kernel.writeAll(.standardOutput, bytes)) != nil
    }

    /// Whether `fd` looks like a terminal. busybox asks isatty(3); the Kernel has no TCGETS,
    /// so a character device stands in for one.
    func isTerminal(_ fd: FileDescriptor) -> Bool {
        (try? kernel.fstat(fd))?.kind == .characterDevice
    }

    /// The same process with other arguments: how the shell runs an applet as a builtin.
    func with(arguments: [String], environment: [String]? = nil) -> ProcessContext {
        ProcessContext(kernel: kernel, arguments: arguments, environment: environment ?? self.environment)
    }
}

import KernelInterface

/// `cat [FILE]...`: copies each file, or standard input for none or `-`, to standard output.
/// Errors as busybox's open-or-warn helper prints them: `cat: can't open 'x': No such file or directory`.
enum Cat {
    static func main(_ context: ProcessContext) -> Int32 {
        let operands = Array(context.arguments.dropFirst()).filter { $0 != "-u" }
        var status: Int32 = 0
        for name in operands.isEmpty ? ["-"] : operands {
            if !copy(name, context) { status = 1 }
        }
        return status
    }

    /// Copies one file; false after printing the error.
    static func copy(_ name: String, _ context: ProcessContext) -> Bool {
        let kernel = context.kernel
        let fd: FileDescriptor
        if name == "-" {
            fd = .standardInput
        } else {
            do { fd = try kernel.open(name, [.readOnly, .closeOnExec], mode: 0) } catch {
                context.complain("cat", "can't open '\(name)': \(describe(error))")
                return false
            }
        }
        defer { if fd != .standardInput { try? kernel.close(fd) } }
        return pump(from: fd, applet: "cat", context)
    }

    /// Reads `fd` to its end, writing every chunk to standard output.
    static func pump(from fd: FileDescriptor, applet: String, _ context: ProcessContext) -> Bool {
        while true {
            let chunk: [UInt8]
            do { chunk = try context.kernel.read(fd, count: 65536) } catch {
                context.complain(applet, "read error: \(describe(error))")
                return false
            }
            if chunk.isEmpty { return true }
            if !context.output(chunk) { return false }
        }
    }
}

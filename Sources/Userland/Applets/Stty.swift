import KernelInterface

/// `stty [size | raw | -raw | sane]` on standard input, as busybox's stty: `size` prints the
/// terminal's rows and columns (ioctl TIOCGWINSZ), `raw` is cfmakeraw(3), `-raw` and `sane`
/// put back the mode raw replaced. Not a terminal: busybox's words and status 1.
enum Stty {
    static func main(_ context: ProcessContext) -> Int32 {
        let arguments = Array(context.arguments.dropFirst())
        let kernel = context.kernel
        guard kernel.isatty(.standardInput) else {
            context.printError("stty: standard input: Not a tty")
            return 1
        }
        do {
            switch arguments.first {
            case "size":
                let size = try kernel.windowSize(.standardInput)
                context.print("\(size.rows) \(size.columns)")
            case "raw":
                try kernel.setTerminalRaw(.standardInput, true)
            case "-raw", "sane":
                try kernel.setTerminalRaw(.standardInput, false)
            case nil:
                let size = try kernel.windowSize(.standardInput)
                context.print("rows \(size.rows); columns \(size.columns);")
            case let other?:
                context.printError("stty: invalid argument '\(other)'")
                return 1
            }
        } catch {
            context.complain("stty", "standard input: \(describe(error))")
            return 1
        }
        return 0
    }
}

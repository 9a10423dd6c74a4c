import KernelInterface

/// `head [-n N | -N] [-c N] [FILE]...`: the first lines (10 by default) or bytes of each file,
/// with `==> FILE <==` headers when there are several, as busybox's coreutils/head.c.
enum Head {
    static func main(_ context: ProcessContext) -> Int32 {
        var arguments = Array(context.arguments.dropFirst())
        if let first = arguments.first, first.count > 1, first.hasPrefix("-"), Int(first.dropFirst()) != nil {
            arguments[0] = "-n"
            arguments.insert(String(first.dropFirst()), at: 1)
        }
        let options: ParsedOptions
        do { options = try parseOptions(arguments, flags: "qv", valued: "nc") } catch {
            context.complain("head", error.message)
            return 1
        }
        let byBytes = options.values["c"] != nil
        guard let limit = Int(options.values["c"] ?? options.values["n"] ?? "10"), limit >= 0 else {
            context.complain("head", "invalid number '\(options.values["c"] ?? options.values["n"] ?? "")'")
            return 1
        }
        let names = options.operands.isEmpty ? ["-"] : options.operands
        let headers = (names.count > 1 && !options.has("q")) || options.has("v")
        var status: Int32 = 0
        for (index, name) in names.enumerated() {
            let fd: FileDescriptor
            if name == "-" { fd = .standardInput } else {
                do { fd = try context.kernel.open(name, [.readOnly, .closeOnExec], mode: 0) } catch {
                    context.complain("head", "can't open '\(name)': \(describe(error))")
                    status = 1
                    continue
                }
            }
            if headers { context.print((index > 0 ? "\n" : "") + "==> \(name == "-" ? "standard input" : name) <==") }
            copyPrefix(fd, limit: limit, byBytes: byBytes, context)
            if fd != .standardInput { try? context.kernel.close(fd) }
        }
        return status
    }

    /// Copies up to `limit` lines or bytes, reading no further than needed.
    static func copyPrefix(_ fd: FileDescriptor, limit: Int, byBytes: Bool, _ context: ProcessContext) {
        var remaining = limit
        while remaining > 0 {
            guard let chunk = try? context.kernel.read(fd, count: byBytes ? min(remaining, 65536) : 4096), !chunk.isEmpty else { return }
            if byBytes {
                context.output(chunk)
                remaining -= chunk.count
                continue
            }
            var end = 0
            while end < chunk.count, remaining > 0 {
                if chunk[end] == 0x0A { remaining -= 1 }
                end += 1
            }
            context.output(Array(chunk[..<end]))
        }
    }
}

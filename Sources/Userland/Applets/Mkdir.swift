import KernelInterface

/// `mkdir [-p] [-m MODE] DIRECTORY...`: mkdir(2), with busybox's wording
/// `mkdir: can't create directory 'x': File exists`.
enum Mkdir {
    static func main(_ context: ProcessContext) -> Int32 {
        let options: ParsedOptions
        do { options = try parseOptions(Array(context.arguments.dropFirst()), flags: "pv", valued: "m") } catch {
            context.complain("mkdir", error.message)
            return 1
        }
        var mode: UInt32 = 0o777
        if let text = options.values["m"] {
            guard let parsed = UInt32(text, radix: 8) else {
                context.complain("mkdir", "invalid mode '\(text)'")
                return 1
            }
            mode = parsed
        }
        var status: Int32 = 0
        for path in options.operands {
            do {
                if options.has("p") { try context.kernel.mkdirAll(path, mode: mode) } else { try context.kernel.mkdir(path, mode: mode) }
                if options.values["m"] != nil { try context.kernel.chmod(path, mode: mode) }
            } catch {
                context.complain("mkdir", "can't create directory '\(path)': \(describe(error))")
                status = 1
            }
        }
        return status
    }
}

import KernelInterface

/// `touch [-c] FILE...`: creates each missing file with open(2) `O_CREAT`. The Kernel has no
/// utimensat(2), so an existing file keeps its modification time.
enum Touch {
    static func main(_ context: ProcessContext) -> Int32 {
        let options: ParsedOptions
        do { options = try parseOptions(Array(context.arguments.dropFirst()), flags: "cham", valued: "dtr") } catch {
            context.complain("touch", error.message)
            return 1
        }
        var status: Int32 = 0
        for path in options.operands {
            if options.has("c"), !context.kernel.exists(path) { continue }
            do {
                let fd = try context.kernel.open(path, [.writeOnly, .create, .noControllingTerminal, .closeOnExec], mode: 0o666)
                try context.kernel.close(fd)
            } catch {
                context.complain("touch", "\(path): \(describe(error))")
                status = 1
            }
        }
        return status
    }
}

import KernelInterface

/// `rm [-frR] FILE...`, as busybox's remove_file(): a directory needs `-r`; `-f` silences a
/// missing file.
enum Rm {
    static func main(_ context: ProcessContext) -> Int32 {
        let options: ParsedOptions
        do { options = try parseOptions(Array(context.arguments.dropFirst()), flags: "frRiv") } catch {
            context.complain("rm", error.message)
            return 1
        }
        let force = options.has("f")
        let recursive = options.has("r") || options.has("R")
        var status: Int32 = 0
        for path in options.operands {
            do {
                let kind = try context.kernel.lstat(path).kind
                if kind == .directory {
                    guard recursive else {
                        context.complain("rm", "'\(path)' is a directory")
                        status = 1
                        continue
                    }
                    try context.kernel.removeAll(path)
                } else {
                    try context.kernel.unlink(path)
                }
            } catch Errno.ENOENT where force {
                continue
            } catch {
                context.complain("rm", "can't remove '\(path)': \(describe(error))")
                status = 1
            }
        }
        return status
    }
}

import KernelInterface

/// `hostname [-s] [NAME]`: prints uname(2)'s nodename, or sets it with sethostname(2), as
/// busybox's networking/hostname.c.
enum Hostname {
    static func main(_ context: ProcessContext) -> Int32 {
        let options: ParsedOptions
        do { options = try parseOptions(Array(context.arguments.dropFirst()), flags: "sfd") } catch {
            context.complain("hostname", error.message)
            return 1
        }
        if let name = options.operands.first {
            do { try context.kernel.sethostname(name) } catch {
                context.complain("hostname", "sethostname: \(describe(error))")
                return 1
            }
            return 0
        }
        let nodename = context.kernel.uname().nodename
        context.print(options.has("s") ? String(nodename.prefix { $0 != "." }) : nodename)
        return 0
    }
}

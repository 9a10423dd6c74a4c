import KernelInterface

/// `uname [-asnrmo]`: uname(2)'s fields in busybox's order (kernel name, node name, release,
/// machine, operating system). The `SystemName` value has no version field, so `-v` prints
/// nothing and `-a` leaves it out.
enum Uname {
    static func main(_ context: ProcessContext) -> Int32 {
        let options: ParsedOptions
        do { options = try parseOptions(Array(context.arguments.dropFirst()), flags: "asnrvmpio") } catch {
            context.complain("uname", error.message)
            return 1
        }
        context.print(render(context.kernel.uname(), options.flags))
        return 0
    }

    static func render(_ name: SystemName, _ flags: Set<Character>) -> String {
        let all = flags.contains("a")
        let chosen = flags.isEmpty ? ["s"] : flags
        var fields: [String] = []
        if all || chosen.contains("s") { fields.append(name.sysname) }
        if all || chosen.contains("n") { fields.append(name.nodename) }
        if all || chosen.contains("r") { fields.append(name.release) }
        if all || chosen.contains("m") { fields.append(name.machine) }
        if !all, chosen.contains("p") || chosen.contains("i") { fields.append("unknown") }
        if all || chosen.contains("o") { fields.append("GNU/Linux") }
        return fields.joined(separator: " ")
    }
}

import KernelInterface

extension Shell {
    /// The commands the shell runs itself (ash's builtintab, the part a simple shell needs).
    /// `exec` is handled with the command, since it changes the shell's own descriptors.
    static let builtinNames: Set<String> = [":", "true", "false", "echo", "pwd", "cd", "exit", "export", "unset", "shift"]

    func runBuiltin(_ arguments: [String], inPipeline: Bool) throws(Exit) -> Int32 {
        let operands = Array(arguments.dropFirst())
        switch arguments[0] {
        case ":", "true": return 0
        case "false": return 1
        case "echo": return Echo.main(context.with(arguments: arguments))
        case "pwd": return Pwd.main(context.with(arguments: arguments))
        case "cd": return changeDirectory(operands)
        case "export": return export(operands)
        case "unset":
            operands.forEach(unsetVariable)
            return 0
        case "shift":
            let count = operands.first.flatMap { Int($0) } ?? 1
            guard count >= 0, count <= positional.count else { return 1 }
            positional.removeFirst(count)
            return 0
        case "exit":
            var status = lastStatus
            if let text = operands.first {
                guard let number = Int32(text) else {
                    context.printError("sh: exit: Illegal number: \(text)")
                    throw Exit(status: 2)
                }
                status = number & 0xFF
            }
            // In a pipeline the builtin stands for a subshell: only that stage ends.
            if inPipeline { return status }
            throw Exit(status: status)
        default:
            preconditionFailure("\(arguments[0]) is listed in builtinNames without an implementation")
        }
    }

    /// `cd [DIR|-]`: chdir(2) to DIR, HOME, or OLDPWD, keeping PWD and OLDPWD as ash does.
    private func changeDirectory(_ operands: [String]) -> Int32 {
        var target = operands.first ?? value(of: "HOME") ?? "/"
        let announce = target == "-"
        if announce { target = value(of: "OLDPWD") ?? "/" }
        do {
            try kernel.chdir(target)
        } catch {
            context.printError("sh: cd: can't cd to \(target): \(describe(error))")
            return 2
        }
        let previous = value(of: "PWD")
        let now = (try? kernel.getcwd()) ?? target
        if let previous { setVariable("OLDPWD", previous) }
        setVariable("PWD", now, export: true)
        if announce { context.print(now) }
        return 0
    }

    /// `export [NAME[=VALUE]]...`; with no operands (or `-p`) lists the exported variables
    /// as `export NAME='VALUE'`, sorted, as ash's showvars does.
    private func export(_ operands: [String]) -> Int32 {
        let names = operands.filter { $0 != "-p" }
        if names.isEmpty {
            let lines = variables.filter(\.exported).sorted { $0.name < $1.name }.map { variable in
                "export " + variable.name + (variable.value.map { "=" + Shell.singleQuoted($0) } ?? "")
            }
            context.output(Array(lines.map { $0 + "\n" }.joined().utf8))
            return 0
        }
        var status: Int32 = 0
        for operand in names {
            let name = String(operand.prefix { $0 != "=" })
            guard ShellParser.isName(name) else {
                context.printError("sh: export: bad variable name: \(operand)")
                status = 1
                continue
            }
            let value = operand.contains("=") ? String(operand.dropFirst(name.count + 1)) : nil
            setVariable(name, value, export: true)
        }
        return status
    }

    /// `'it'"'"'s'`: a value quoted so that the shell reads it back unchanged.
    static func singleQuoted(_ value: String) -> String {
        "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\"'\"'") + "'"
    }
}

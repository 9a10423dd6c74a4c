import KernelInterface

/// `sh [-eix] [-c COMMAND [NAME [ARG]...] | FILE [ARG]... | -s]`, busybox's ash reduced to
/// simple commands. The commands come from `-c`, from a script file, or from standard input
/// line by line; on a terminal (`-i`, or a character device on fd 0) it prompts with
/// `PS1` (by default `\w \$ `, which shows as `/ # ` for root) on standard error.
enum ShellApplet {
    static func main(_ context: ProcessContext) -> Int32 {
        var arguments = Array(context.arguments.dropFirst())
        var command: String?
        var readStandardInput = false
        var flags: Set<Character> = []
        while let first = arguments.first, first.hasPrefix("-"), first != "-" {
            arguments.removeFirst()
            if first == "--" { break }
            for letter in first.dropFirst() {
                switch letter {
                case "c": command = ""
                case "s": readStandardInput = true
                case "e", "i", "x", "l": flags.insert(letter)
                default:
                    context.printError("sh: \(OptionError.invalid(letter).message)")
                    return 2
                }
            }
        }
        let argv0 = context.arguments.first ?? "sh"
        let shell: Shell
        var source: String?
        if command != nil {
            guard let text = arguments.first else {
                context.printError("sh: -c requires an argument")
                return 2
            }
            source = text
            shell = Shell(context: context, scriptName: arguments.count > 1 ? arguments[1] : argv0,
                          positional: Array(arguments.dropFirst(2)))
        } else if let file = arguments.first, !readStandardInput {
            do { source = try context.kernel.readTextFile(file) } catch {
                context.printError("sh: can't open '\(file)': \(describe(error))")
                return 2
            }
            shell = Shell(context: context, scriptName: file, positional: Array(arguments.dropFirst()))
        } else {
            shell = Shell(context: context, scriptName: argv0, positional: arguments)
            shell.interactive = flags.contains("i") || context.isTerminal(.standardInput)
        }
        shell.errexit = flags.contains("e")
        shell.xtrace = flags.contains("x")
        do {
            if let source {
                try runLines(of: source, in: shell)
            } else {
                try readAndRun(shell)
            }
        } catch {
            return error.status
        }
        return shell.lastStatus
    }

    /// Runs text one command line at a time, as ash parses and runs a line before reading the
    /// next: earlier lines run even when a later one is wrong.
    static func runLines(of source: String, in shell: Shell) throws(Shell.Exit) {
        var pending = ""
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            pending += line + "\n"
            if try runIfComplete(&pending, shell) { pending = "" }
        }
        try finish(pending, shell)
    }

    /// Reads standard input until end of file, running each complete command.
    static func readAndRun(_ shell: Shell) throws(Shell.Exit) {
        let kernel = shell.kernel
        var buffered: [UInt8] = []
        var pending = ""
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                pending += String(decoding: buffered[...newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                if try runIfComplete(&pending, shell) { pending = "" }
                continue
            }
            if shell.interactive { shell.context.printError(prompt(shell, continuing: !pending.isEmpty), terminator: "") }
            let chunk = (try? kernel.read(.standardInput, count: 4096)) ?? []
            if chunk.isEmpty { break }
            buffered += chunk
        }
        pending += String(decoding: buffered, as: UTF8.self)
        try finish(pending, shell)
    }

    /// Runs `pending` when it holds whole commands; false when it needs another line.
    private static func runIfComplete(_ pending: inout String, _ shell: Shell) throws(Shell.Exit) -> Bool {
        do {
            let script = try ShellParser.parse(pending)
            pending = ""
            try shell.execute(script)
            return true
        } catch let error as ShellSyntaxError where error.needsMoreInput {
            return false
        } catch is ShellSyntaxError {
            try shell.run(source: pending)
            return true
        } catch let exit as Shell.Exit {
            throw exit
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    /// End of input: what is left must parse on its own (an open quote is an error now).
    private static func finish(_ pending: String, _ shell: Shell) throws(Shell.Exit) {
        guard !pending.allSatisfy({ $0 == "\n" || $0 == " " || $0 == "\t" }) else { return }
        try shell.run(source: pending)
    }

    /// PS1 with ash's backslash escapes `\w \W \u \h \$ \\`; PS2 (`> `) inside a command.
    static func prompt(_ shell: Shell, continuing: Bool) -> String {
        if continuing { return shell.value(of: "PS2") ?? "> " }
        let template = shell.value(of: "PS1") ?? "\\w \\$ "
        let cwd = (try? shell.kernel.getcwd()) ?? "?"
        var out = ""
        var escaped = false
        for character in template {
            guard escaped else {
                if character == "\\" { escaped = true } else { out.append(character) }
                continue
            }
            escaped = false
            switch character {
            case "w": out += cwd
            case "W": out += cwd == "/" ? "/" : String(cwd.split(separator: "/").last ?? "")
            case "u": out += UserDatabase(kernel: shell.kernel).userName(shell.kernel.getuid())
            case "h": out += String(shell.kernel.uname().nodename.prefix { $0 != "." })
            case "$": out += shell.kernel.getuid() == 0 ? "#" : "$"
            default: out.append(character)
            }
        }
        return out
    }
}

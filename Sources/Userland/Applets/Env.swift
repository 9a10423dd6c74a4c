import KernelInterface

/// `env [-i] [-u NAME]... [NAME=VALUE]... [COMMAND [ARG]...]`: prints the environment, or runs
/// COMMAND in the changed one by execve(2), as busybox's coreutils/env.c does (it replaces
/// itself: the command keeps env's pid).
enum Env {
    static func main(_ context: ProcessContext) -> Int32 {
        var arguments = Array(context.arguments.dropFirst())
        var environment = context.environment
        while let first = arguments.first, first.hasPrefix("-") {
            arguments.removeFirst()
            if first == "--" { break }
            if first == "-" || first == "-i" { environment = []; continue }
            if first == "-u", let name = arguments.first {
                arguments.removeFirst()
                environment.removeAll { $0.hasPrefix(name + "=") }
                continue
            }
            context.complain("env", OptionError.invalid(first.dropFirst().first ?? "-").message)
            return 125
        }
        while let first = arguments.first, first.contains("="), !first.hasPrefix("=") {
            arguments.removeFirst()
            let name = first.prefix { $0 != "=" }
            environment.removeAll { $0.hasPrefix(name + "=") }
            environment.append(first)
        }
        guard let command = arguments.first else {
            context.output(Array(environment.map { $0 + "\n" }.joined().utf8))
            return 0
        }
        do {
            let path = try context.kernel.lookPath(command, environment: environment)
            try context.kernel.execve(path, arguments, environment)
        } catch let error as Errno {
            context.complain("env", "can't execute '\(command)': \(error.sentence)")
            return error == .ENOENT ? 127 : 126
        } catch {
            return 126
        }
    }
}

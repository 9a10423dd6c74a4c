import KernelInterface

/// `setsid [-c] PROG ARGS`: runs PROG in a new session, as busybox's miscutils/setsid.c does;
/// with `-c` stdin, a terminal, becomes the session's controlling terminal (TIOCSCTTY), so that
/// the terminal's SIGWINCH and ^C reach PROG, as they reach a program a shell started on it.
/// Busybox forks first when the caller already leads a process group; here the caller must
/// not (a fresh spawn never does).
enum Setsid {
    static func main(_ context: ProcessContext) -> Int32 {
        var arguments = Array(context.arguments.dropFirst())
        let controlling = arguments.first == "-c"
        if controlling { arguments.removeFirst() }
        guard let command = arguments.first else {
            context.printError("Usage: setsid [-c] PROG ARGS")
            return 1
        }
        let kernel = context.kernel
        do {
            _ = try kernel.setsid()
            if controlling { try kernel.setControllingTerminal(.standardInput) }
            let path = try kernel.lookPath(command, environment: context.environment)
            try kernel.execve(path, arguments, context.environment)
        } catch let error as Errno {
            context.complain("setsid", "can't execute '\(command)': \(error.sentence)")
            return error == .ENOENT ? 127 : 126
        } catch {
            return 126
        }
    }
}

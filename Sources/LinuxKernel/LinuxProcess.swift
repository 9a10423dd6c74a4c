import CLinux
import Glibc
import KernelInterface

/// Runs a Glassbox program as this real process: its argv and envp as the kernel gave them, the
/// real kernel as its `Kernel`, and its status as the process's exit status. Every executable's
/// main is this one call. `blocking` names the signals the program takes with
/// `Kernel.waitForSignal` (a daemon's SIGTERM and SIGINT): they are blocked before any thread
/// starts, so every thread inherits the mask.
public enum LinuxProcess {
    public static func run(_ program: Program, blocking: [Signal] = []) -> Never {
        // Start with only those signals blocked, whatever the parent blocked (a test runner, a
        // shell): a daemon that inherited a blocked SIGTERM and never waited for it could not
        // be stopped.
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in blocking { sigaddset(&mask, signal.rawValue) }
        sigprocmask(SIG_SETMASK, &mask, nil)
        // One malloc arena for all threads: glibc gives each new thread an arena of its own
        // (64 MiB reserved, 100–200 KiB touched each), which for these mostly idle daemons
        // (a shim has seven threads) is resident memory for no speed it needs.
        _ = gb_single_malloc_arena()
        let context = ProcessContext.start(program: program, kernel: LinuxKernel(),
                                           arguments: CommandLine.arguments, environment: environment)
        let status = program.main(context)
        context.tracer?.flush()
        exit(status)
    }

    /// This process's environment, as envp gave it.
    public static var environment: [String] {
        var environment: [String] = []
        var entry = environ
        while let pointer = entry.pointee {
            environment.append(String(cString: pointer))
            entry += 1
        }
        return environment
    }
}

extension LinuxProcess {
    /// exit(3): flushes nothing of ours (every program writes through the kernel), ends the
    /// process with `status`.
    public static func exit(_ status: Int32) -> Never {
        Glibc.exit(status)
    }
}

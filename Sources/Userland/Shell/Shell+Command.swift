import KernelInterface

extension Shell {
    /// Runs one simple command (XCU 2.9.1): expand, then either only assign and redirect, or
    /// run a builtin in this process, or spawn the program PATH names.
    func run(_ command: SimpleCommand, plumbing: [RedirectAction], inPipeline: Bool) throws(Exit) -> Outcome {
        let arguments = expand(command.words)
        let assignments = command.assignments.map { ($0.name, expandToString($0.value)) }
        let redirections: [RedirectAction]
        do { redirections = try plumbing + actions(for: command.redirections) } catch { return .finished(2) }
        if xtrace, !arguments.isEmpty || !assignments.isEmpty {
            context.printError("+ " + (assignments.map { "\($0.0)=\($0.1)" } + arguments).joined(separator: " "))
        }
        guard let name = arguments.first else {
            for (variable, value) in assignments { setVariable(variable, value) }
            guard let saved = try? apply(redirections, save: true) else { return .finished(2) }
            restore(saved)
            return .finished(0)
        }
        if name == "exec" {
            return try exec(Array(arguments.dropFirst()), assignments: assignments, redirections: redirections)
        }
        if Shell.builtinNames.contains(name) {
            guard let saved = try? apply(redirections, save: true) else { return .finished(2) }
            defer { restore(saved) }
            return .finished(try runBuiltin(arguments, inPipeline: inPipeline))
        }
        return spawn(arguments, environment: childEnvironment(assignments), redirections: redirections)
    }

    /// Finds and starts a program, with `redirections` in place only around the spawn. Errors
    /// as ash's: `sh: foo: not found` (127), `sh: ./x: Permission denied` (126).
    func spawn(_ arguments: [String], environment: [String], redirections: [RedirectAction]) -> Outcome {
        let name = arguments[0]
        let path: String
        do {
            path = try kernel.lookPath(name, environment: ["PATH=" + (value(of: "PATH") ?? Shell.defaultPath)])
        } catch {
            return .finished(notRunnable(name, error))
        }
        guard let saved = try? apply(redirections, save: true) else { return .finished(2) }
        defer { restore(saved) }
        do {
            return .started(try kernel.spawn(SpawnRequest(path: path, arguments: arguments, environment: environment)))
        } catch Errno.ENOEXEC {
            return runAsScript(path, arguments, environment)
        } catch {
            return .finished(notRunnable(name, error))
        }
    }

    /// A file that is not a program is a shell script (XCU 2.9.1.1 "Command Search and
    /// Execution", step e): run `sh FILE ARGS…`, as ash's shellexec does on ENOEXEC.
    private func runAsScript(_ path: String, _ arguments: [String], _ environment: [String]) -> Outcome {
        do {
            let shell = try kernel.lookPath("sh", environment: ["PATH=" + (value(of: "PATH") ?? Shell.defaultPath)])
            let request = SpawnRequest(path: shell, arguments: ["sh", path] + arguments.dropFirst(), environment: environment)
            return .started(try kernel.spawn(request))
        } catch {
            return .finished(notRunnable(arguments[0], error))
        }
    }

    /// Prints why a command could not start; its status (127 not found, 126 otherwise).
    func notRunnable(_ name: String, _ error: any Error) -> Int32 {
        let errno = error as? Errno
        if errno == .ENOENT || errno == .ENOTDIR {
            context.printError("sh: \(name): not found")
            return 127
        }
        context.printError("sh: \(name): \(describe(error))")
        return 126
    }

    /// `exec [COMMAND [ARG]...]`: with no command the redirections stay for the rest of the
    /// shell; with one, the shell becomes it through execve(2) and a failure ends the shell.
    private func exec(_ arguments: [String], assignments: [(String, String)], redirections: [RedirectAction]) throws(Exit) -> Outcome {
        guard (try? apply(redirections, save: false)) != nil else { return .finished(2) }
        guard let name = arguments.first else { return .finished(0) }
        do {
            let path = try kernel.lookPath(name, environment: ["PATH=" + (value(of: "PATH") ?? Shell.defaultPath)])
            try kernel.execve(path, arguments, childEnvironment(assignments))
        } catch let error as Errno {
            throw Exit(status: notRunnable(name, error))
        } catch {
            // The simulator unwinds a successful exec through here; nothing of this image runs on.
            throw Exit(status: 0)
        }
    }
}

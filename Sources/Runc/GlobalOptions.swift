/// runc's global flags (main.go): `--root`, `--log`, `--log-format`, `--debug`, given before
/// the command name; what follows the command name belongs to the command.
struct GlobalOptions {
    /// runc's default for root: `/run/runc`.
    var root = "/run/runc"
    var logPath: String?
    var logFormat: RuncLogger.Format = .text
    var debug = false

    /// Splits argv (without argv[0]) into the global options, the command and its arguments.
    static func parse(_ arguments: [String]) throws -> (GlobalOptions, command: String, rest: [String]) {
        var options = GlobalOptions()
        var reader = ArgumentReader(arguments, command: "runc")
        while let argument = reader.next() {
            switch argument.name {
            case "--root": options.root = try reader.value(for: argument)
            case "--log": options.logPath = try reader.value(for: argument)
            case "--log-format":
                let value = try reader.value(for: argument)
                guard let format = RuncLogger.Format(rawValue: value) else {
                    throw RuncError(.invalidArgument, "invalid log-format: \(value)", stage: "runc")
                }
                options.logFormat = format
            case "--debug": options.debug = true
            default:
                guard !argument.name.hasPrefix("-") else {
                    throw RuncError(.invalidArgument, "flag provided but not defined: \(argument.name)", stage: "runc")
                }
                return (options, argument.name, reader.remaining)
            }
        }
        throw RuncError(.invalidArgument, "no command given (create, start, run, state, kill, delete, list, ps)", stage: "runc")
    }
}

/// Reads `--flag value`, `--flag=value` and `-flag` spellings, as Go's flag package accepts.
struct ArgumentReader {
    struct Argument {
        var name: String
        var inlineValue: String?
    }

    private var arguments: ArraySlice<String>
    let command: String

    init(_ arguments: [String], command: String) {
        self.arguments = arguments[...]
        self.command = command
    }

    var remaining: [String] { Array(arguments) }

    /// The next argument; `-x` is read as `--x`, and `--x=v` as `--x` with the value `v`.
    mutating func next() -> Argument? {
        guard let first = arguments.popFirst() else { return nil }
        guard first.hasPrefix("-"), first != "-", first != "--" else { return Argument(name: first) }
        let long = first.hasPrefix("--") ? first : "-" + first
        if let equals = long.firstIndex(of: "=") {
            return Argument(name: String(long[..<equals]), inlineValue: String(long[long.index(after: equals)...]))
        }
        return Argument(name: long)
    }

    mutating func value(for argument: Argument) throws -> String {
        if let inline = argument.inlineValue { return inline }
        guard let value = arguments.popFirst() else {
            throw RuncError(.invalidArgument, "flag needs an argument: \(argument.name)", stage: command)
        }
        return value
    }

    /// The command's positional arguments, all of them, failing on an unknown flag.
    static func positionals(_ argument: Argument, command: String) throws -> String {
        guard !argument.name.hasPrefix("-") else {
            throw RuncError(.invalidArgument, "flag provided but not defined: \(argument.name)", stage: command)
        }
        return argument.name
    }
}

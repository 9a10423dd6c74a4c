import KernelInterface

/// The options written before the command: `glassbox [--seed N] [--trace FILE] [--kernel
/// sim|linux] COMMAND …`. They belong to the engine, not to the client: they choose the machine
/// the journey runs on and where its trace goes.
public struct GlobalOptions: Sendable, Equatable {
    public enum KernelChoice: String, Sendable { case sim, linux }

    public var seed: UInt64 = 1
    public var tracePath: String?
    public var kernel: KernelChoice = .sim
    public var command: [String] = []

    public struct UsageError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Parses the global options; the first other word starts the command.
    public static func parse(_ arguments: [String]) throws -> GlobalOptions {
        var options = GlobalOptions()
        var rest = arguments[...]
        while let argument = rest.first, argument.hasPrefix("--") {
            var flag = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            guard ["--seed", "--trace", "--kernel"].contains(flag) else { break }
            rest.removeFirst()
            guard let value = inline ?? rest.popFirst() else {
                throw UsageError(description: "flag needs an argument: \(flag)")
            }
            switch flag {
            case "--seed":
                guard let seed = UInt64(value) else {
                    throw UsageError(description: "invalid --seed \"\(value)\": use a whole number such as 7")
                }
                options.seed = seed
            case "--trace":
                options.tracePath = value
            default:
                guard let choice = KernelChoice(rawValue: value) else {
                    throw UsageError(description: "invalid --kernel \"\(value)\": use sim (the simulated machine) or linux (real containers, as root)")
                }
                options.kernel = choice
            }
        }
        options.command = Array(rest)
        return options
    }
}

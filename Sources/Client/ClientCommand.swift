import KernelInterface
import Trace
import Wire

/// One `glassbox` command, as docker/cli writes one per file: its options parsed from the
/// command line (validated before anything is sent) and `run`, which talks to dockerd and
/// answers the exit status.
protocol ClientCommand: SendableMetatype {
    /// `ps [OPTIONS]`: the usage line after `glassbox`.
    static var usage: String { get }
    static var summary: String { get }
    static var parser: FlagParser { get }
    init(_ parsed: FlagParser.Parsed) throws
    func run(_ client: EngineClient, _ context: ProcessContext) throws -> Int32
}

extension ClientCommand {
    /// Parses and runs, printing errors in the docker CLI's words with its exit codes: 125
    /// for a usage error, 1 for an error from the daemon or on the way to it.
    static func execute(_ arguments: [String], name: String, client: EngineClient, context: ProcessContext) -> Int32 {
        let command: Self
        do {
            let parsed = try parser.parse(arguments)
            if parsed.bool("help") {
                context.print("\nUsage:  glassbox \(usage)\n\n\(summary)")
                return 0
            }
            command = try Self(parsed)
        } catch {
            context.printError("glassbox: \(error)\nSee 'glassbox \(name) --help'.")
            return 125
        }
        do {
            return try command.run(client, context)
        } catch {
            context.printError(ClientErrors.describe(error, context: context))
            return 1
        }
    }
}

/// The usage error of a command's own checks (argument counts, conflicting flags).
struct UsageError: Error, CustomStringConvertible {
    let description: String

    /// `"stop" requires at least 1 argument.`, docker's wording.
    static func atLeast(_ count: Int, _ name: String) -> UsageError {
        UsageError(description: "\"\(name)\" requires at least \(count) argument\(count == 1 ? "" : "s").")
    }

    static func exactly(_ count: Int, _ name: String) -> UsageError {
        UsageError(description: "\"\(name)\" requires exactly \(count) argument\(count == 1 ? "" : "s").")
    }
}

enum ClientErrors {
    /// An error as the docker CLI prints it; the daemon's prefix in red on a colour terminal.
    static func describe(_ error: Error, context: ProcessContext) -> String {
        guard let daemon = error as? EngineClient.DaemonError else { return "\(error)" }
        let terminal = Terminal(context: context, fd: .standardError)
        let prefix = terminal.colour ? "\u{1B}[31mError response from daemon:\u{1B}[0m" : "Error response from daemon:"
        return prefix + " " + daemon.message
    }
}

extension EngineClient {
    /// A GET answered 200 with JSON, parsed.
    func json(_ path: String) throws -> JSONValue {
        let response = try send("GET", self.path(path))
        try check(response, expect: [200])
        return try JSONParser.parse(response.body)
    }

    func decode<T: Decodable>(_ type: T.Type, _ method: String, _ path: String, expect: Set<Int> = [200]) throws -> T {
        let response = try send(method, self.path(path))
        try check(response, expect: expect)
        return try JSONCoding.decode(type, from: response.body)
    }

    /// Runs `body` for each named container, printing what it answers or the error, as
    /// `docker stop a b c` does; 1 when any failed.
    func forEach(_ names: [String], context: ProcessContext, _ body: (String) throws -> String?) -> Int32 {
        var status: Int32 = 0
        for name in names {
            do {
                if let line = try body(name) { context.print(line) }
            } catch {
                context.printError(ClientErrors.describe(error, context: context))
                status = 1
            }
        }
        return status
    }
}

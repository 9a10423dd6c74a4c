import KernelInterface

/// The one error type of the runtime: a class (`code`), the words a person reads (`message`,
/// runc's own wording where runc has one) and the stage that failed (`runc create/pivot_root`),
/// so the log line, the trace event and the tutorial say the same thing.
public struct RuncError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// A bad command line or config.json.
        case invalidArgument
        /// No container with that id (`container does not exist`).
        case notFound
        /// The id is taken (`container with id exists`).
        case alreadyExists
        /// The container is in a state the operation does not allow (lifecycle).
        case failedPrecondition
        /// A feature config.json asks for that this runtime does not implement.
        case notSupported
        /// A system call failed.
        case system
    }

    public var code: Code
    public var message: String
    public var stage: String

    public init(_ code: Code, _ message: String, stage: String) {
        self.code = code
        self.message = message
        self.stage = stage
    }

    public var description: String { message }

    /// runc's exit status: 1 for every failure (as `fatal` in runc's main.go), 2 for usage errors.
    var exitStatus: Int32 { code == .invalidArgument ? 2 : 1 }
}

extension RuncError {
    /// Wraps a failed system call made during `stage`, as Go's `*os.PathError` reads
    /// (`open /run/x/state.json: no such file or directory`).
    static func syscall(_ errno: Errno, _ operation: String, stage: String) -> RuncError {
        RuncError(.system, "\(operation): \(errno.message)", stage: stage)
    }

    /// runc's `ErrNotExist`.
    static func notExist(stage: String) -> RuncError {
        RuncError(.notFound, "container does not exist", stage: stage)
    }
}

/// Stage names come from the functions that run them: `pivotRoot()` is the stage
/// `pivot_root`, so the name in an error is the name in the code.
enum StageName {
    static func from(function: String) -> String {
        var name = ""
        for character in function.prefix(while: { $0 != "(" }) {
            if character.isUppercase {
                name += "_" + character.lowercased()
            } else {
                name.append(character)
            }
        }
        return name
    }
}

/// Runs a stage of one command, turning an `Errno` into a `RuncError` that names the stage
/// (`runc delete/remove_cgroup`) and `operation`.
func runStage<T>(
    _ command: String, _ function: String = #function, operation: @autoclosure () -> String? = nil, _ body: () throws -> T
) throws -> T {
    // The stage's name and the operation are only spelled out when the stage fails.
    func stage() -> String { "runc \(command)/\(StageName.from(function: function))" }
    do {
        return try body()
    } catch let error as RuncError {
        throw error
    } catch let errno as Errno {
        throw RuncError(.system, operation().map { "\($0): \(errno.message)" } ?? errno.message, stage: stage())
    } catch {
        throw RuncError(.system, "\(error)", stage: stage())
    }
}

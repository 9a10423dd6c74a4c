/// The shell's syntax tree: the subset of the POSIX shell grammar (XCU 2.10) that busybox's
/// ash parses for simple scripts, without compound commands or functions.
///
///     script    := item ((';' | '&' | newline) item)*
///     item      := and_or ['&']
///     and_or    := pipeline (('&&' | '||') newline* pipeline)*
///     pipeline  := ['!'] command ('|' newline* command)*
///     command   := (assignment | word | redirection)+
typealias ShellScript = [ShellListItem]

struct ShellListItem: Equatable {
    var andOr: AndOrList
    var background: Bool
}

struct AndOrList: Equatable {
    enum Connector: Equatable { case and, or }
    struct Link: Equatable { var connector: Connector; var pipeline: Pipeline }

    var first: Pipeline
    var rest: [Link] = []
}

struct Pipeline: Equatable {
    var negated = false
    var commands: [SimpleCommand]
}

struct SimpleCommand: Equatable {
    var assignments: [Assignment] = []
    var words: [ShellWord] = []
    var redirections: [Redirection] = []
}

/// `NAME=value` before the command name.
struct Assignment: Equatable {
    var name: String
    var value: ShellWord
}

struct Redirection: Equatable {
    enum Operator: String, Equatable {
        case input = "<", output = ">", append = ">>", clobber = ">|", readWrite = "<>"
        case duplicateInput = "<&", duplicateOutput = ">&"

        /// The descriptor the operator applies to when no number precedes it.
        var defaultDescriptor: Int32 {
            switch self {
            case .input, .readWrite, .duplicateInput: return 0
            case .output, .append, .clobber, .duplicateOutput: return 1
            }
        }
    }

    var descriptor: Int32
    var op: Operator
    var target: ShellWord
}

/// A word as the lexer read it: pieces whose quoting decides what expansion may do to them.
struct ShellWord: Equatable, ExpressibleByStringLiteral {
    enum Part: Equatable {
        /// Text; `quoted` text is neither split into fields nor taken for an assignment.
        case literal(String, quoted: Bool)
        case parameter(ParameterExpansion)
        /// `$((expression))`: the expression's text, evaluated when the word is expanded.
        case arithmetic(String, quoted: Bool)
    }

    var parts: [Part]

    init(parts: [Part]) { self.parts = parts }
    /// An unquoted literal word, as tests write them.
    init(stringLiteral text: String) { parts = [.literal(text, quoted: false)] }

    /// The unquoted literal text, when the word is nothing else (`!`, an IO number).
    var plainText: String? {
        guard parts.count == 1, case let .literal(text, quoted: false) = parts[0] else { return nil }
        return text
    }
}

/// `$NAME`, `${NAME}`, `${NAME:-word}` or `${NAME-word}`, and the special parameters
/// `$? $$ $# $@ $* $! $- $0…$9`.
struct ParameterExpansion: Equatable {
    var name: String
    var quoted: Bool
    /// The word used when the parameter is unset (or, with `fallbackWhenEmpty`, empty).
    var fallback: String? = nil
    var fallbackWhenEmpty = false
}

struct ShellSyntaxError: Error, Equatable {
    var message: String
    /// The text stopped in the middle of a command (an open quote, a trailing `|`): an
    /// interactive shell reads another line instead of failing.
    var needsMoreInput = false
}

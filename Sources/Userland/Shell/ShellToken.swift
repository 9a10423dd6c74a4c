/// What the lexer hands the parser.
enum ShellToken: Equatable {
    case word(ShellWord)
    /// A redirection operator with the IO number written before it (`2>`), if any.
    case redirection(descriptor: Int32?, Redirection.Operator)
    case control(ControlOperator)
    case newline

    enum ControlOperator: String, Equatable {
        case semicolon = ";", doubleSemicolon = ";;", background = "&", and = "&&", or = "||"
        case pipe = "|", openParenthesis = "(", closeParenthesis = ")"
    }

    /// How ash names a token in `syntax error: unexpected …`.
    var displayName: String {
        switch self {
        case .word(let word): return word.plainText ?? "word"
        case let .redirection(_, op): return "\"\(op.rawValue)\""
        case let .control(op): return "\"\(op.rawValue)\""
        case .newline: return "newline"
        }
    }
}

/// Splits shell text into tokens (XCU 2.3 "Token Recognition"): operators, newlines, and
/// words, keeping inside each word which pieces were quoted and where `$` expansions stand,
/// so that expansion later follows the quoting rules of XCU 2.2 and 2.6.
struct ShellLexer {
    private let characters: [Character]
    private var index = 0
    private var tokens: [ShellToken] = []

    static func tokenize(_ source: String) throws(ShellSyntaxError) -> [ShellToken] {
        var lexer = ShellLexer(characters: Array(source))
        try lexer.run()
        return lexer.tokens
    }

    private init(characters: [Character]) { self.characters = characters }

    private var current: Character? { index < characters.count ? characters[index] : nil }
    private func peek(_ offset: Int) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private mutating func run() throws(ShellSyntaxError) {
        while let character = current {
            switch character {
            case " ", "\t":
                index += 1
            case "\\" where peek(1) == "\n":
                try skipLineContinuation()
            case "#":
                while let next = current, next != "\n" { index += 1 }
            case "\n":
                tokens.append(.newline)
                index += 1
            case ";", "&", "|", "(", ")":
                tokens.append(.control(controlOperator()))
            case "<", ">":
                tokens.append(try redirectionOperator(descriptor: nil))
            default:
                let word = try readWord()
                if let digits = word.plainText, let number = Int32(digits), digits.allSatisfy(\.isNumber),
                   let next = current, next == "<" || next == ">" {
                    tokens.append(try redirectionOperator(descriptor: number))
                } else {
                    tokens.append(.word(word))
                }
            }
        }
    }

    /// `\` newline joins lines; at the very end of the text the command continues on a line
    /// not read yet.
    private mutating func skipLineContinuation() throws(ShellSyntaxError) {
        index += 2
        if current == nil { throw ShellSyntaxError(message: "unexpected end of file", needsMoreInput: true) }
    }

    private mutating func controlOperator() -> ShellToken.ControlOperator {
        let first = characters[index]
        index += 1
        switch (first, current) {
        case (";", ";"): index += 1; return .doubleSemicolon
        case ("&", "&"): index += 1; return .and
        case ("|", "|"): index += 1; return .or
        case (";", _): return .semicolon
        case ("&", _): return .background
        case ("|", _): return .pipe
        case ("(", _): return .openParenthesis
        default: return .closeParenthesis
        }
    }

    private mutating func redirectionOperator(descriptor: Int32?) throws(ShellSyntaxError) -> ShellToken {
        let first = characters[index]
        index += 1
        let op: Redirection.Operator
        switch (first, current) {
        case ("<", "<"): throw ShellSyntaxError(message: "here-documents (<<) are not supported")
        case ("<", "&"): index += 1; op = .duplicateInput
        case ("<", ">"): index += 1; op = .readWrite
        case ("<", _): op = .input
        case (">", ">"): index += 1; op = .append
        case (">", "&"): index += 1; op = .duplicateOutput
        case (">", "|"): index += 1; op = .clobber
        default: op = .output
        }
        return .redirection(descriptor: descriptor, op)
    }

    private static let wordEnds: Set<Character> = [" ", "\t", "\n", ";", "&", "|", "(", ")", "<", ">"]

    private mutating func readWord() throws(ShellSyntaxError) -> ShellWord {
        var builder = WordBuilder()
        while let character = current, !ShellLexer.wordEnds.contains(character) {
            switch character {
            case "'":
                index += 1
                var text = ""
                while let next = current, next != "'" { text.append(next); index += 1 }
                guard current != nil else { throw ShellSyntaxError(message: "unterminated quoted string", needsMoreInput: true) }
                index += 1
                builder.append(text, quoted: true)
            case "\"":
                index += 1
                try readDoubleQuoted(into: &builder)
            case "\\":
                index += 1
                guard let next = current else { builder.append("\\", quoted: true); continue }
                index += 1
                if next == "\n" {
                    if current == nil { throw ShellSyntaxError(message: "unexpected end of file", needsMoreInput: true) }
                    continue
                }
                builder.append(String(next), quoted: true)
            case "$":
                index += 1
                try readDollar(quoted: false, into: &builder)
            case "`":
                throw ShellSyntaxError(message: "command substitution (`…`) is not supported")
            default:
                builder.append(String(character), quoted: false)
                index += 1
            }
        }
        return builder.word
    }

    /// Inside `"…"` only `$`, `` ` `` and `\` stay special; `\` escapes only `$ ` " \` and newline.
    private mutating func readDoubleQuoted(into builder: inout WordBuilder) throws(ShellSyntaxError) {
        builder.append("", quoted: true)
        while let character = current {
            index += 1
            switch character {
            case "\"":
                return
            case "\\":
                guard let next = current else { continue }
                if next == "\n" { index += 1; continue }
                if "$`\"\\".contains(next) { index += 1; builder.append(String(next), quoted: true) } else { builder.append("\\", quoted: true) }
            case "$":
                try readDollar(quoted: true, into: &builder)
            case "`":
                throw ShellSyntaxError(message: "command substitution (`…`) is not supported")
            default:
                builder.append(String(character), quoted: true)
            }
        }
        throw ShellSyntaxError(message: "unterminated quoted string", needsMoreInput: true)
    }

    /// After a `$`: a name, a special parameter, `{…}`, or a lone `$`.
    private mutating func readDollar(quoted: Bool, into builder: inout WordBuilder) throws(ShellSyntaxError) {
        guard let next = current else { builder.append("$", quoted: quoted); return }
        if next == "{" {
            index += 1
            var body = ""
            while let character = current, character != "}" { body.append(character); index += 1 }
            guard current != nil else { throw ShellSyntaxError(message: "missing '}'", needsMoreInput: true) }
            index += 1
            builder.parts.append(.parameter(try ShellLexer.braced(body, quoted: quoted)))
        } else if next == "(", index + 1 < characters.count, characters[index + 1] == "(" {
            index += 2
            builder.parts.append(.arithmetic(try readArithmetic(), quoted: quoted))
        } else if next == "(" {
            throw ShellSyntaxError(message: "command substitution ($(…)) is not supported")
        } else if "?$#@*!-".contains(next) || next.isNumber {
            index += 1
            builder.parts.append(.parameter(ParameterExpansion(name: String(next), quoted: quoted)))
        } else if next == "_" || (next.isASCII && next.isLetter) {
            var name = ""
            while let character = current, character == "_" || (character.isASCII && (character.isLetter || character.isNumber)) {
                name.append(character)
                index += 1
            }
            builder.parts.append(.parameter(ParameterExpansion(name: name, quoted: quoted)))
        } else {
            builder.append("$", quoted: quoted)
        }
    }

    /// The expression of `$((…))` up to the `))` that closes it, nested parentheses kept.
    private mutating func readArithmetic() throws(ShellSyntaxError) -> String {
        var expression = ""
        var depth = 0
        while let character = current {
            index += 1
            if character == "(" { depth += 1 }
            if character == ")" {
                if depth == 0 {
                    guard current == ")" else { throw ShellSyntaxError(message: "missing '))'") }
                    index += 1
                    return expression
                }
                depth -= 1
            }
            expression.append(character)
        }
        throw ShellSyntaxError(message: "missing '))'", needsMoreInput: true)
    }

    /// `NAME`, `NAME:-word` or `NAME-word` between braces.
    static func braced(_ body: String, quoted: Bool) throws(ShellSyntaxError) -> ParameterExpansion {
        let name = String(body.prefix { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) || "?$#@*!-".contains($0) && body.count == 1 })
        guard !name.isEmpty else { throw ShellSyntaxError(message: "bad substitution") }
        let rest = body.dropFirst(name.count)
        if rest.isEmpty { return ParameterExpansion(name: name, quoted: quoted) }
        if rest.hasPrefix(":-") { return ParameterExpansion(name: name, quoted: quoted, fallback: String(rest.dropFirst(2)), fallbackWhenEmpty: true) }
        if rest.hasPrefix("-") { return ParameterExpansion(name: name, quoted: quoted, fallback: String(rest.dropFirst())) }
        throw ShellSyntaxError(message: "bad substitution")
    }
}

/// Collects a word's parts, merging neighbouring text of the same quoting.
struct WordBuilder {
    var parts: [ShellWord.Part] = []

    mutating func append(_ text: String, quoted: Bool) {
        if case let .literal(previous, quoted: previousQuoted)? = parts.last, previousQuoted == quoted {
            parts[parts.count - 1] = .literal(previous + text, quoted: quoted)
        } else {
            parts.append(.literal(text, quoted: quoted))
        }
    }

    var word: ShellWord { ShellWord(parts: parts) }
}

/// Builds the syntax tree of `ShellSyntax.swift` from tokens, failing as ash does with
/// `syntax error: unexpected "|"` (busybox shell/ash.c, raise_error_unexpected_syntax).
struct ShellParser {
    private let tokens: [ShellToken]
    private var index = 0

    static func parse(_ source: String) throws(ShellSyntaxError) -> ShellScript {
        var parser = ShellParser(tokens: try ShellLexer.tokenize(source))
        return try parser.script()
    }

    private init(tokens: [ShellToken]) { self.tokens = tokens }

    private var current: ShellToken? { index < tokens.count ? tokens[index] : nil }

    private func unexpected() -> ShellSyntaxError {
        guard let token = current else { return ShellSyntaxError(message: "unexpected end of file", needsMoreInput: true) }
        return ShellSyntaxError(message: "unexpected \(token.displayName)")
    }

    private mutating func skipNewlines() {
        while current == .newline { index += 1 }
    }

    private mutating func script() throws(ShellSyntaxError) -> ShellScript {
        var items: [ShellListItem] = []
        while true {
            skipNewlines()
            guard current != nil else { return items }
            let andOr = try andOrList()
            var background = false
            switch current {
            case .control(.semicolon)?, .newline?: index += 1
            case .control(.background)?: index += 1; background = true
            case nil: break
            default: throw unexpected()
            }
            items.append(ShellListItem(andOr: andOr, background: background))
        }
    }

    private mutating func andOrList() throws(ShellSyntaxError) -> AndOrList {
        var list = AndOrList(first: try pipeline())
        while case let .control(op)? = current, op == .and || op == .or {
            index += 1
            skipNewlines()
            list.rest.append(AndOrList.Link(connector: op == .and ? .and : .or, pipeline: try pipeline()))
        }
        return list
    }

    private mutating func pipeline() throws(ShellSyntaxError) -> Pipeline {
        var negated = false
        if case let .word(word)? = current, word.plainText == "!" {
            negated = true
            index += 1
        }
        var commands = [try simpleCommand()]
        while current == .control(.pipe) {
            index += 1
            skipNewlines()
            commands.append(try simpleCommand())
        }
        return Pipeline(negated: negated, commands: commands)
    }

    private mutating func simpleCommand() throws(ShellSyntaxError) -> SimpleCommand {
        var command = SimpleCommand()
        loop: while let token = current {
            switch token {
            case let .word(word):
                index += 1
                if command.words.isEmpty, let assignment = ShellParser.assignment(word) {
                    command.assignments.append(assignment)
                } else {
                    command.words.append(word)
                }
            case let .redirection(descriptor, op):
                index += 1
                guard case let .word(target)? = current else { throw unexpected() }
                index += 1
                command.redirections.append(Redirection(descriptor: descriptor ?? op.defaultDescriptor, op: op, target: target))
            default:
                break loop
            }
        }
        if command.words.isEmpty && command.assignments.isEmpty && command.redirections.isEmpty { throw unexpected() }
        return command
    }

    /// `NAME=value`: a word whose unquoted beginning is a valid name followed by `=`.
    static func assignment(_ word: ShellWord) -> Assignment? {
        guard case let .literal(text, quoted: false)? = word.parts.first,
              let equals = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<equals])
        guard isName(name) else { return nil }
        var valueParts = Array(word.parts.dropFirst())
        let rest = String(text[text.index(after: equals)...])
        if !rest.isEmpty { valueParts.insert(.literal(rest, quoted: false), at: 0) }
        return Assignment(name: name, value: ShellWord(parts: valueParts))
    }

    /// A shell variable name: a letter or `_`, then letters, digits and `_`.
    static func isName(_ text: String) -> Bool {
        guard let first = text.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return text.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}

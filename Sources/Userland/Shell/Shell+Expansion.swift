import KernelInterface

extension Shell {
    /// Expands words into fields (XCU 2.6): parameter expansion, then field splitting of the
    /// unquoted results on IFS white space, then quote removal. `"$@"` gives one field per
    /// positional parameter; `$((…))` gives its value, never split. Pathname expansion
    /// (globbing) is not done.
    func expand(_ words: [ShellWord]) -> [String] {
        words.flatMap(expand)
    }

    func expand(_ word: ShellWord) -> [String] {
        var fields: [String] = []
        var current = ""
        var started = false
        for part in word.parts {
            switch part {
            case let .literal(text, quoted):
                current += text
                if quoted || !text.isEmpty { started = true }
            case let .arithmetic(expression, _):
                current += arithmetic(expression)
                started = true
            case let .parameter(parameter) where parameter.name == "@" && parameter.quoted:
                for (index, value) in positional.enumerated() {
                    if index > 0 { fields.append(current); current = "" }
                    current += value
                    started = true
                }
            case let .parameter(parameter):
                let value = self.value(of: parameter)
                if parameter.quoted {
                    current += value
                    started = true
                    continue
                }
                let isSeparator: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }
                let pieces = value.split(whereSeparator: isSeparator)
                if let first = value.first, isSeparator(first), started {
                    fields.append(current); current = ""; started = false
                }
                for (index, piece) in pieces.enumerated() {
                    if index > 0 { fields.append(current); current = "" }
                    current += piece
                    started = true
                }
                if let last = value.last, isSeparator(last), started {
                    fields.append(current); current = ""; started = false
                }
            }
        }
        if started { fields.append(current) }
        return fields
    }

    /// A word expanded without field splitting: an assignment's value, a redirection target.
    func expandToString(_ word: ShellWord) -> String {
        var text = ""
        for part in word.parts {
            switch part {
            case let .literal(literal, _): text += literal
            case let .parameter(parameter): text += value(of: parameter)
            case let .arithmetic(expression, _): text += arithmetic(expression)
            }
        }
        return text
    }

    /// `$((expression))`'s value in decimal. A malformed expression or a division by zero is
    /// reported as ash reports it (`sh: arithmetic syntax error`) and expands to nothing;
    /// ash also abandons the command, which this shell does not.
    func arithmetic(_ expression: String) -> String {
        do {
            return String(try ShellArithmetic.evaluate(expression) { self.specialOrVariable($0) })
        } catch {
            context.printError("sh: \(error.message)")
            lastStatus = 2
            return ""
        }
    }

    func value(of parameter: ParameterExpansion) -> String {
        let found = specialOrVariable(parameter.name)
        if let fallback = parameter.fallback, found == nil || (parameter.fallbackWhenEmpty && found == "") {
            return fallback
        }
        return found ?? ""
    }

    /// The value of `$NAME` or of a special parameter; nil when unset.
    func specialOrVariable(_ name: String) -> String? {
        switch name {
        case "?": return String(lastStatus)
        case "$": return String(kernel.getpid().rawValue)
        case "#": return String(positional.count)
        case "@", "*": return positional.joined(separator: " ")
        case "!": return lastBackground.map { String($0.rawValue) }
        case "-": return (errexit ? "e" : "") + (interactive ? "i" : "") + (xtrace ? "x" : "")
        case "0": return scriptName
        default:
            if let number = Int(name) { return number >= 1 && number <= positional.count ? positional[number - 1] : nil }
            return value(of: name)
        }
    }
}

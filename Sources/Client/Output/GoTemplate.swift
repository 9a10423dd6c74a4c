import Trace

/// The part of Go's text/template that `--format` needs (docker cli/templates): text and
/// actions `{{.Field.Sub}}`, `{{.}}`, `{{json .X}}`, `{{upper .X}}`, `{{lower .X}}`,
/// `{{index .Labels "key"}}`, `{{join .List ", "}}`, over a JSON value. `\t` and `\n` written
/// literally in the format become a tab and a newline, as the docker CLI's formatter does.
struct GoTemplate {
    enum Piece {
        case text(String)
        case action(function: String?, path: [String], arguments: [String])
    }

    struct SyntaxError: Error, CustomStringConvertible {
        let description: String
    }

    let pieces: [Piece]

    init(_ format: String) throws {
        let source = format.replacingEscapes()
        var pieces: [Piece] = []
        var rest = Substring(source)
        while let open = GoTemplate.find("{{", in: rest) {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            let inside = rest[rest.index(open, offsetBy: 2)...]
            guard let close = GoTemplate.find("}}", in: inside) else {
                throw SyntaxError(description: "template: unclosed action in \"\(format)\"")
            }
            pieces.append(try GoTemplate.action(String(inside[..<close])))
            rest = inside[inside.index(close, offsetBy: 2)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    /// Where `marker` (two characters) first starts in `text`.
    static func find(_ marker: String, in text: Substring) -> String.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix(marker) { return index }
            index = text.index(after: index)
        }
        return nil
    }

    static func action(_ text: String) throws -> Piece {
        var words = GoTemplate.words(text.trimmedSpaces.trimmingDash)
        guard !words.isEmpty else { throw SyntaxError(description: "template: missing value for command") }
        var function: String? = nil
        if !words[0].hasPrefix(".") {
            function = words.removeFirst()
            guard ["json", "upper", "lower", "index", "join", "title", "println"].contains(function ?? "") else {
                throw SyntaxError(description: "template: function \"\(function ?? "")\" not defined")
            }
        }
        guard let target = words.first, target.hasPrefix(".") else { throw SyntaxError(description: "template: bad action {{\(text)}}") }
        let path = target.split(separator: ".").map(String.init)
        let arguments = words.dropFirst().map { $0.hasPrefix("\"") && $0.hasSuffix("\"") && $0.count >= 2 ? String($0.dropFirst().dropLast()) : $0 }
        return .action(function: function, path: path, arguments: arguments)
    }

    /// Splits on spaces outside double quotes.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character == " " && !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The field names the actions read, in order (for a `table` header).
    var fieldNames: [String] {
        pieces.compactMap { piece in
            if case let .action(_, path, _) = piece { return path.last ?? "" }
            return nil
        }
    }

    struct ExecutionError: Error, CustomStringConvertible {
        let description: String
    }

    func render(_ value: JSONValue) throws -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case let .text(text): out += text
            case let .action(function, path, arguments):
                var current = value
                for key in path {
                    guard case .object = current else {
                        throw ExecutionError(description: "template: can't evaluate field \(key) in type \(GoTemplate.typeName(current))")
                    }
                    guard let next = current[key] else { throw ExecutionError(description: "template: can't evaluate field \(key)") }
                    current = next
                }
                out += try GoTemplate.apply(function, to: current, arguments: arguments)
            }
        }
        return out
    }

    static func apply(_ function: String?, to value: JSONValue, arguments: [String]) throws -> String {
        switch function {
        case "json": return value.serialized
        case "upper": return text(value).uppercased()
        case "lower": return text(value).lowercased()
        case "title": return text(value).prefix(1).uppercased() + text(value).dropFirst()
        case "println": return text(value) + "\n"
        case "index":
            guard let key = arguments.first else { throw ExecutionError(description: "template: index needs a key") }
            return value[key].map(text) ?? ""
        case "join":
            return (value.arrayValue ?? []).map(text).joined(separator: arguments.first ?? " ")
        default: return text(value)
        }
    }

    /// A value as Go's fmt prints it: strings bare, lists as `[a b]`, maps as `map[k:v]`, null as `<no value>`.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: return "<no value>"
        case let .bool(flag): return flag ? "true" : "false"
        case let .int(number): return String(number)
        case let .double(number): return String(number)
        case let .string(text): return text
        case let .array(items): return "[" + items.map(text).joined(separator: " ") + "]"
        case let .object(members): return "map[" + members.map { "\($0.0):\(text($0.1))" }.joined(separator: " ") + "]"
        }
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .string: return "string"
        case .array: return "[]interface {}"
        case .int, .double: return "float64"
        case .bool: return "bool"
        case .null: return "<nil>"
        case .object: return "map[string]interface {}"
        }
    }
}

extension String {
    /// `\t` and `\n` written as two characters become the characters.
    func replacingEscapes() -> String {
        var out = ""
        var iterator = makeIterator()
        while let character = iterator.next() {
            guard character == "\\" else { out.append(character); continue }
            switch iterator.next() {
            case "t": out.append("\t")
            case "n": out.append("\n")
            case let other?: out.append("\\"); out.append(other)
            case nil: out.append("\\")
            }
        }
        return out
    }

    var trimmedSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }

    /// Go templates' `{{- x -}}` trims; the dashes themselves are dropped here.
    var trimmingDash: String {
        var text = Substring(self)
        if text.hasPrefix("- ") { text = text.dropFirst(2) }
        if text.hasSuffix(" -") { text = text.dropLast(2) }
        return String(text).trimmedSpaces
    }
}

/// docker-style flags (spf13/pflag as the docker CLI uses it): `-a`, `--all`, `-aq` (short
/// booleans combined), `-n 3`, `-n3`, `--last 3`, `--last=3`, repeated value flags collected
/// in order, `--` ending the flags. With `interspersed: false` (run, create) the first
/// argument that is not a flag ends them: what follows is the image and its command.
struct FlagParser {
    struct Flag {
        let long: String
        let short: Character?
        let takesValue: Bool

        static func bool(_ long: String, _ short: Character? = nil) -> Flag { Flag(long: long, short: short, takesValue: false) }
        static func value(_ long: String, _ short: Character? = nil) -> Flag { Flag(long: long, short: short, takesValue: true) }
    }

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    let flags: [Flag]
    var interspersed = true
    /// Hands every argument to the command untouched (run and create parse their own).
    var raw = false

    init(_ flags: [Flag], interspersed: Bool = true, raw: Bool = false) {
        self.flags = flags + [Flag(long: "help", short: nil, takesValue: false)]
        self.interspersed = interspersed
        self.raw = raw
    }

    /// Values by long name (booleans hold "true"), and the positional arguments.
    struct Parsed {
        var values: [String: [String]] = [:]
        var arguments: [String] = []

        func has(_ long: String) -> Bool { values[long] != nil }
        func bool(_ long: String) -> Bool { values[long]?.last.map { $0 != "false" } ?? false }
        func value(_ long: String) -> String? { values[long]?.last }
        func all(_ long: String) -> [String] { values[long] ?? [] }
        func integer(_ long: String) throws -> Int? {
            guard let text = value(long) else { return nil }
            guard let number = Int(text) else { throw UsageError(description: "invalid argument \"\(text)\" for \"--\(long)\" flag: strconv.ParseInt: parsing \"\(text)\": invalid syntax") }
            return number
        }
    }

    func parse(_ arguments: [String]) throws -> Parsed {
        var parsed = Parsed()
        if raw {
            if arguments.first == "--help" { parsed.values["help"] = ["true"] }
            parsed.arguments = arguments
            return parsed
        }
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--" {
                parsed.arguments += rest
                break
            }
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name = String(body.prefix(while: { $0 != "=" }))
                guard let flag = flags.first(where: { $0.long == name }) else { throw UsageError(description: "unknown flag: --\(name)") }
                var value = body.contains("=") ? String(body.drop(while: { $0 != "=" }).dropFirst()) : nil
                if flag.takesValue && value == nil {
                    guard let next = rest.popFirst() else { throw UsageError(description: "flag needs an argument: --\(name)") }
                    value = next
                }
                parsed.values[flag.long, default: []].append(value ?? "true")
            } else if argument.hasPrefix("-"), argument.count > 1 {
                var letters = argument.dropFirst()
                while let letter = letters.popFirst() {
                    guard let flag = flags.first(where: { $0.short == letter }) else {
                        throw UsageError(description: "unknown shorthand flag: '\(letter)' in \(argument)")
                    }
                    if flag.takesValue {
                        var value = String(letters)
                        if value.hasPrefix("=") { value.removeFirst() }
                        if value.isEmpty {
                            guard let next = rest.popFirst() else { throw UsageError(description: "flag needs an argument: '\(letter)' in -\(letter)") }
                            value = next
                        }
                        parsed.values[flag.long, default: []].append(value)
                        break
                    }
                    parsed.values[flag.long, default: []].append("true")
                }
            } else {
                parsed.arguments.append(argument)
                if !interspersed {
                    parsed.arguments += rest
                    break
                }
            }
        }
        return parsed
    }
}

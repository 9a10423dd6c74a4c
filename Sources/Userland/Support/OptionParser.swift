/// getopt(3) for the applets, the way busybox's getopt32 reads options: single-letter flags
/// that may be grouped (`-la`), letters that take a value (`-n 5` or `-n5`), `--` ending the
/// options, and a lone `-` being an operand.
struct ParsedOptions {
    var flags: Set<Character> = []
    var values: [Character: String] = [:]
    var operands: [String] = []

    func has(_ flag: Character) -> Bool { flags.contains(flag) }
}

enum OptionError: Error, Equatable {
    /// `invalid option -- 'z'`, as getopt prints it.
    case invalid(Character)
    /// `option requires an argument -- 'n'`.
    case missingValue(Character)

    var message: String {
        switch self {
        case let .invalid(letter): return "invalid option -- '\(letter)'"
        case let .missingValue(letter): return "option requires an argument -- '\(letter)'"
        }
    }
}

/// Parses `arguments` (without argv[0]). `stopAtFirstOperand` makes options after the first
/// operand operands too, as `env` and `sh` need for the command they run.
func parseOptions(
    _ arguments: [String], flags: String, valued: String = "", stopAtFirstOperand: Bool = false
) throws(OptionError) -> ParsedOptions {
    var parsed = ParsedOptions()
    var index = 0
    var onlyOperands = false
    while index < arguments.count {
        let argument = arguments[index]
        index += 1
        if onlyOperands || argument == "-" || !argument.hasPrefix("-") {
            parsed.operands.append(argument)
            if stopAtFirstOperand { onlyOperands = true }
            continue
        }
        if argument == "--" { onlyOperands = true; continue }
        var letters = Substring(argument.dropFirst())
        while let letter = letters.first {
            letters = letters.dropFirst()
            if valued.contains(letter) {
                if !letters.isEmpty {
                    parsed.values[letter] = String(letters)
                } else if index < arguments.count {
                    parsed.values[letter] = arguments[index]
                    index += 1
                } else {
                    throw .missingValue(letter)
                }
                break
            }
            guard flags.contains(letter) else { throw .invalid(letter) }
            parsed.flags.insert(letter)
        }
    }
    return parsed
}

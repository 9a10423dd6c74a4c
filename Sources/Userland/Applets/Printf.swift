import KernelInterface

/// `printf FORMAT [ARG]...`, as busybox's coreutils/printf.c: the conversions `%s %b %c %d %i
/// %u %x %X %o %%` with flags `-+ 0#`, width and precision; backslash escapes in FORMAT; the
/// format is reused while arguments remain. Floating-point conversions are not offered.
enum Printf {
    static func main(_ context: ProcessContext) -> Int32 {
        let arguments = Array(context.arguments.dropFirst())
        guard let format = arguments.first else {
            context.printError("Usage: printf FORMAT [ARG]...")
            return 1
        }
        let result = render(format, Array(arguments.dropFirst()))
        context.output(result.bytes)
        for problem in result.problems { context.complain("printf", problem) }
        return result.problems.isEmpty ? 0 : 1
    }

    struct Rendered { var bytes: [UInt8] = []; var problems: [String] = [] }

    static func render(_ format: String, _ arguments: [String]) -> Rendered {
        var rendered = Rendered()
        var remaining = arguments[...]
        repeat {
            let before = remaining.count
            if once(format, &remaining, &rendered) { break }
            if remaining.count == before { break }
        } while !remaining.isEmpty
        return rendered
    }

    /// One pass over the format; true when `\c` ended all output.
    static func once(_ format: String, _ arguments: inout ArraySlice<String>, _ rendered: inout Rendered) -> Bool {
        var characters = Substring(format)
        while !characters.isEmpty {
            let literal = characters.prefix { $0 != "%" }
            characters = characters.dropFirst(literal.count)
            let (bytes, stop) = EscapeSequences.expand(String(literal), octalNeedsZero: false)
            rendered.bytes += bytes
            if stop { return true }
            guard !characters.isEmpty else { break }
            characters = characters.dropFirst()
            let specification = characters.prefix { !"diouxXcsb%".contains($0) }
            characters = characters.dropFirst(specification.count)
            guard let conversion = characters.first else {
                rendered.problems.append("%\(specification): invalid format")
                return true
            }
            characters = characters.dropFirst()
            if conversion == "%" { rendered.bytes.append(UInt8(ascii: "%")); continue }
            let argument = arguments.popFirst() ?? ""
            if convert(conversion, String(specification), argument, &rendered) { return true }
        }
        return false
    }

    /// Formats one argument; true when a `%b` argument held `\c`.
    static func convert(_ conversion: Character, _ specification: String, _ argument: String, _ rendered: inout Rendered) -> Bool {
        let flags = Set(specification.prefix { "-+ 0#".contains($0) })
        let sizes = specification.drop { "-+ 0#".contains($0) }.split(separator: ".", omittingEmptySubsequences: false)
        let width = sizes.first.flatMap { Int($0) } ?? 0
        let precision = sizes.count > 1 ? Int(sizes[1]) ?? 0 : nil
        var text: String
        var stop = false
        switch conversion {
        case "s":
            text = precision.map { String(argument.prefix($0)) } ?? argument
        case "b":
            let (bytes, ended) = EscapeSequences.expand(argument, octalNeedsZero: true)
            text = String(decoding: bytes, as: UTF8.self)
            stop = ended
        case "c":
            text = argument.first.map(String.init) ?? ""
        default:
            let value = number(argument, &rendered)
            text = integer(value, conversion, flags: flags, precision: precision)
            if flags.contains("0"), !flags.contains("-"), precision == nil, text.count < width {
                let sign = text.first.map { "+- ".contains($0) } == true ? String(text.removeFirst()) : ""
                text = sign + String(repeating: "0", count: width - text.count - sign.count) + text
            }
        }
        rendered.bytes += Array(pad(text, width, left: flags.contains("-")).utf8)
        return stop
    }

    static func integer(_ value: Int64, _ conversion: Character, flags: Set<Character>, precision: Int?) -> String {
        let magnitude = value.magnitude
        var digits: String
        switch conversion {
        case "x": digits = String(magnitude, radix: 16)
        case "X": digits = String(magnitude, radix: 16).uppercased()
        case "o": digits = String(magnitude, radix: 8)
        case "u": digits = String(UInt64(bitPattern: value))
        default: digits = String(magnitude)
        }
        if let precision, digits.count < precision { digits = String(repeating: "0", count: precision - digits.count) + digits }
        if flags.contains("#"), value != 0 {
            if conversion == "x" { digits = "0x" + digits } else if conversion == "X" { digits = "0X" + digits } else if conversion == "o" { digits = "0" + digits }
        }
        guard conversion == "d" || conversion == "i" else { return value < 0 && conversion != "u" ? "-" + digits : digits }
        if value < 0 { return "-" + digits }
        return (flags.contains("+") ? "+" : flags.contains(" ") ? " " : "") + digits
    }

    /// strtoll as printf reads its arguments: decimal, `0x` hex, `0` octal, or `'c` for a
    /// character's code.
    static func number(_ text: String, _ rendered: inout Rendered) -> Int64 {
        if text.isEmpty { return 0 }
        if let first = text.first, first == "'" || first == "\"" {
            return Int64(text.dropFirst().unicodeScalars.first?.value ?? 0)
        }
        var body = Substring(text.trimmingLeadingSpaces())
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" { negative = sign == "-"; body = body.dropFirst() }
        let value: Int64?
        if body.hasPrefix("0x") || body.hasPrefix("0X") { value = Int64(body.dropFirst(2), radix: 16) } else if body.hasPrefix("0"), body.count > 1 { value = Int64(body.dropFirst(), radix: 8) } else { value = Int64(body) }
        guard let value else {
            rendered.problems.append("invalid number '\(text)'")
            return 0
        }
        return negative ? -value : value
    }
}

extension String {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " || $0 == "\t" }) }
}

/// Arithmetic expansion, `$((expression))` (XCU 2.6.4), over signed 64-bit integers as ash's
/// `arith.c` evaluates it: decimal, octal (`010`) and hex (`0x10`) constants, variables by
/// name with or without `$` (unset or empty is 0), parentheses, unary `+ - ! ~`, then by
/// falling precedence `* / %`, `+ -`, `<< >>`, `< <= > >=`, `== !=`, `&`, `^`, `|`, `&&`,
/// `||` and `?:`. Assignment operators (`x += 1`) are not read.
struct ShellArithmetic {
    struct Failure: Error, Equatable {
        /// ash's message after `sh: `: "arithmetic syntax error", "divide by zero".
        var message: String
    }

    private let text: [Character]
    private var index = 0
    private let variable: (String) -> String?

    /// The expression's value; `variable` gives a parameter's value (`$?`, `$#`, names).
    static func evaluate(_ expression: String, variable: @escaping (String) -> String?) throws(Failure) -> Int64 {
        var parser = ShellArithmetic(text: Array(expression), variable: variable)
        parser.skipBlanks()
        if parser.index == parser.text.count { return 0 }
        let value = try parser.conditional()
        guard parser.index == parser.text.count else { throw Failure(message: "arithmetic syntax error") }
        return value
    }

    private init(text: [Character], variable: @escaping (String) -> String?) {
        self.text = text
        self.variable = variable
    }

    /// Binary operators from the loosest to the tightest binding, each level a list.
    private static let levels: [[String]] = [
        ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<=", ">=", "<", ">"], ["<<", ">>"], ["+", "-"], ["*", "/", "%"],
    ]

    private mutating func conditional() throws(Failure) -> Int64 {
        let condition = try binary(level: 0)
        guard take("?") else { return condition }
        let then = try conditional()
        guard take(":") else { throw Failure(message: "arithmetic syntax error") }
        let otherwise = try conditional()
        return condition != 0 ? then : otherwise
    }

    private mutating func binary(level: Int) throws(Failure) -> Int64 {
        guard level < ShellArithmetic.levels.count else { return try unary() }
        var left = try binary(level: level + 1)
        while let op = ShellArithmetic.levels[level].first(where: { peekOperator($0) }) {
            index += op.count
            skipBlanks()
            let right = try binary(level: level + 1)
            left = try ShellArithmetic.apply(op, left, right)
        }
        return left
    }

    private static func apply(_ op: String, _ left: Int64, _ right: Int64) throws(Failure) -> Int64 {
        switch op {
        case "||": return left != 0 || right != 0 ? 1 : 0
        case "&&": return left != 0 && right != 0 ? 1 : 0
        case "|": return left | right
        case "^": return left ^ right
        case "&": return left & right
        case "==": return left == right ? 1 : 0
        case "!=": return left != right ? 1 : 0
        case "<=": return left <= right ? 1 : 0
        case ">=": return left >= right ? 1 : 0
        case "<": return left < right ? 1 : 0
        case ">": return left > right ? 1 : 0
        case "<<": return left << right
        case ">>": return left >> right
        case "+": return left &+ right
        case "-": return left &- right
        case "*": return left &* right
        default:
            guard right != 0 else { throw Failure(message: "divide by zero") }
            return op == "/" ? left.dividedReportingOverflow(by: right).partialValue : left.remainderReportingOverflow(dividingBy: right).partialValue
        }
    }

    private mutating func unary() throws(Failure) -> Int64 {
        if take("+") { return try unary() }
        if take("-") { return 0 &- (try unary()) }
        if take("!") { return try unary() == 0 ? 1 : 0 }
        if take("~") { return ~(try unary()) }
        return try primary()
    }

    private mutating func primary() throws(Failure) -> Int64 {
        if take("(") {
            let value = try conditional()
            guard take(")") else { throw Failure(message: "arithmetic syntax error") }
            return value
        }
        guard index < text.count else { throw Failure(message: "arithmetic syntax error") }
        if text[index] == "$" { index += 1 }
        guard index < text.count else { throw Failure(message: "arithmetic syntax error") }
        let start = index
        if text[index].isNumber {
            while index < text.count, text[index].isLetter || text[index].isNumber { index += 1 }
            defer { skipBlanks() }
            return try ShellArithmetic.constant(String(text[start..<index]))
        }
        if "?#$!".contains(text[index]) {
            index += 1
        } else {
            while index < text.count, text[index] == "_" || (text[index].isASCII && (text[index].isLetter || text[index].isNumber)) { index += 1 }
        }
        guard index > start else { throw Failure(message: "arithmetic syntax error") }
        let value = (variable(String(text[start..<index])) ?? "").trimmingBlanks
        skipBlanks()
        return value.isEmpty ? 0 : try ShellArithmetic.constant(value)
    }

    /// A constant as C writes it: `0x` hex, a leading `0` octal, else decimal.
    private static func constant(_ written: String) throws(Failure) -> Int64 {
        let negative = written.hasPrefix("-")
        let digits = negative ? String(written.dropFirst()) : written
        let value: Int64?
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            value = Int64(digits.dropFirst(2), radix: 16)
        } else if digits.count > 1, digits.hasPrefix("0") {
            value = Int64(digits.dropFirst(), radix: 8)
        } else {
            value = Int64(digits)
        }
        guard let value else { throw Failure(message: "arithmetic syntax error") }
        return negative ? -value : value
    }

    private func peekOperator(_ op: String) -> Bool {
        let characters = Array(op)
        guard index + characters.count <= text.count, Array(text[index..<index + characters.count]) == characters else { return false }
        // `<` is not the start of `<<` or `<=`, `&` not of `&&`, `|` not of `||`.
        if characters.count == 1, index + 1 < text.count {
            let following = text[index + 1]
            if "<>".contains(characters[0]), following == characters[0] || following == "=" { return false }
            if "&|".contains(characters[0]), following == characters[0] { return false }
        }
        return true
    }

    private mutating func take(_ symbol: Character) -> Bool {
        guard index < text.count, text[index] == symbol else { return false }
        index += 1
        skipBlanks()
        return true
    }

    private mutating func skipBlanks() {
        while index < text.count, text[index] == " " || text[index] == "\t" || text[index] == "\n" { index += 1 }
    }
}

extension String {
    fileprivate var trimmingBlanks: String {
        String(drop { $0 == " " || $0 == "\t" || $0 == "\n" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\n" }.reversed())
    }
}

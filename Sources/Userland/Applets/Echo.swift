import KernelInterface

/// `echo [-neE] [ARG]...`, as busybox's coreutils/echo.c: options only while every letter of
/// an argument is one of `neE` (so `echo -x` prints `-x`); `-e` interprets backslash escapes,
/// and `\c` stops all output.
enum Echo {
    static func main(_ context: ProcessContext) -> Int32 {
        context.output(render(Array(context.arguments.dropFirst())))
        return 0
    }

    static func render(_ arguments: [String]) -> [UInt8] {
        var newline = true
        var escapes = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.count > 1, argument.hasPrefix("-"),
                  argument.dropFirst().allSatisfy({ "neE".contains($0) }) else { break }
            for letter in argument.dropFirst() {
                switch letter {
                case "n": newline = false
                case "e": escapes = true
                default: escapes = false
                }
            }
            index += 1
        }
        var out: [UInt8] = []
        for (position, argument) in arguments[index...].enumerated() {
            if position > 0 { out.append(0x20) }
            if escapes {
                let (bytes, stop) = EscapeSequences.expand(argument, octalNeedsZero: true)
                out += bytes
                if stop { return out }
            } else {
                out += Array(argument.utf8)
            }
        }
        if newline { out.append(0x0A) }
        return out
    }
}

/// The backslash escapes of `echo -e` and `printf`: `\a \b \e \f \n \r \t \v \\`, octal
/// (`\0NNN` for echo, `\NNN` for printf), `\xHH`, and `\c` which ends the output.
enum EscapeSequences {
    static func expand(_ text: String, octalNeedsZero: Bool) -> (bytes: [UInt8], stop: Bool) {
        let input = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < input.count {
            let byte = input[index]
            index += 1
            guard byte == UInt8(ascii: "\\"), index < input.count else { out.append(byte); continue }
            let letter = input[index]
            index += 1
            switch letter {
            case UInt8(ascii: "a"): out.append(7)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "e"): out.append(27)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "v"): out.append(11)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "c"): return (out, true)
            case UInt8(ascii: "x"):
                var value: UInt8 = 0
                var digits = 0
                while digits < 2, index < input.count, let digit = hexValue(input[index]) {
                    value = value &* 16 &+ digit
                    index += 1
                    digits += 1
                }
                if digits == 0 { out += [UInt8(ascii: "\\"), letter] } else { out.append(value) }
            case UInt8(ascii: "0")...UInt8(ascii: "7") where !octalNeedsZero || letter == UInt8(ascii: "0"):
                var value: UInt8 = octalNeedsZero ? 0 : letter - UInt8(ascii: "0")
                var digits = 0
                while digits < (octalNeedsZero ? 3 : 2), index < input.count,
                      input[index] >= UInt8(ascii: "0"), input[index] <= UInt8(ascii: "7") {
                    value = value &* 8 &+ (input[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                out.append(value)
            default:
                out += [UInt8(ascii: "\\"), letter]
            }
        }
        return (out, false)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

import KernelInterface

/// `sleep N[smhd]...`: nanosleep(2) for the sum of the arguments, which may have fractions
/// and suffixes, as busybox's FEATURE_FANCY_SLEEP and FEATURE_FLOAT_SLEEP allow.
enum Sleep {
    static func main(_ context: ProcessContext) -> Int32 {
        let operands = Array(context.arguments.dropFirst())
        guard !operands.isEmpty else {
            context.printError("Usage: sleep [N]...\n\nPause for a time equal to the total of the args given")
            return 1
        }
        var total: Int64 = 0
        for operand in operands {
            guard let nanoseconds = duration(operand) else {
                context.complain("sleep", "invalid number '\(operand)'")
                return 1
            }
            total += nanoseconds
        }
        do { try context.kernel.nanosleep(total) } catch { return 1 }
        return 0
    }

    /// `1.5` → 1.5 s, `2m` → 120 s, in nanoseconds; nil when it is not a duration. Parsed
    /// digit by digit so a fraction is exact.
    static func duration(_ text: String) -> Int64? {
        var number = Substring(text)
        var scale: Int64 = 1
        if let last = number.last, let multiplier = ["s": 1, "m": 60, "h": 3600, "d": 86400][last] {
            scale = Int64(multiplier)
            number = number.dropLast()
        }
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !number.isEmpty, parts.count <= 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts.contains(where: { !$0.isEmpty }) else { return nil }
        let whole = parts[0].isEmpty ? 0 : Int64(parts[0]) ?? 0
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = String(parts[1].prefix(9))
            fraction = (Int64(digits) ?? 0) * power10(9 - digits.count)
        }
        return (whole * 1_000_000_000 + fraction) * scale
    }

    static func power10(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}

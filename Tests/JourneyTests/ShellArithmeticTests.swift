import Testing
@testable import Userland

/// `$((…))` in the simulator's sh, as busybox ash evaluates it.
@Suite("Userland: sh's arithmetic expansion")
struct ShellArithmeticTests {
    func evaluate(_ expression: String, _ variables: [String: String] = [:]) throws -> Int64 {
        try ShellArithmetic.evaluate(expression) { variables[$0] }
    }

    @Test("precedence, parentheses, unary operators and C's division")
    func operators() throws {
        #expect(try evaluate("6*7") == 42)
        #expect(try evaluate(" 1 + 2 * 3 ") == 7)
        #expect(try evaluate("(1 + 2) * 3") == 9)
        #expect(try evaluate("-7 / 2") == -3)
        #expect(try evaluate("-7 % 2") == -1)
        #expect(try evaluate("!0 + ~0") == 0)
        #expect(try evaluate("1 << 4 | 1") == 17)
        #expect(try evaluate("3 < 4 && 4 <= 4 && 5 > 4 && 5 >= 6 || 2 == 2") == 1)
        #expect(try evaluate("1 != 1 ? 10 : 20") == 20)
        #expect(try evaluate("010 + 0x10") == 24)
        #expect(try evaluate("") == 0)
    }

    @Test("variables by name or with $, unset and empty as 0")
    func variables() throws {
        #expect(try evaluate("x * $y + z", ["x": "6", "y": "7"]) == 42)
        #expect(try evaluate("e + 1", ["e": ""]) == 1)
        #expect(try evaluate("$? + 1", ["?": "2"]) == 3)
    }

    @Test("errors in ash's words")
    func errors() {
        #expect(throws: ShellArithmetic.Failure(message: "divide by zero")) { try evaluate("1 / 0") }
        #expect(throws: ShellArithmetic.Failure(message: "arithmetic syntax error")) { try evaluate("1 +") }
        #expect(throws: ShellArithmetic.Failure(message: "arithmetic syntax error")) { try evaluate("(1") }
        #expect(throws: ShellArithmetic.Failure(message: "arithmetic syntax error")) { try evaluate("x", ["x": "abc"]) }
    }

    @Test("the lexer keeps $((…)) whole, nested parentheses and all, in or out of quotes")
    func lexing() throws {
        let tokens = try ShellLexer.tokenize(#"echo hi-$((6*(3+4))) "$((1))""#)
        #expect(tokens == [
            .word("echo"),
            .word(ShellWord(parts: [.literal("hi-", quoted: false), .arithmetic("6*(3+4)", quoted: false)])),
            .word(ShellWord(parts: [.literal("", quoted: true), .arithmetic("1", quoted: true)])),
        ])
        #expect(throws: ShellSyntaxError(message: "missing '))'", needsMoreInput: true)) { try ShellLexer.tokenize("echo $((1") }
    }

    @Test("sh expands it in a word, never splits it, and reports a bad expression on standard error")
    func expansion() {
        let (status, kernel) = ShellBehaviourTests().run(#"X=6; echo hi-$((X*7)) $(( $X + 1 )); echo $((1/0)); echo "s $?""#)
        #expect(status == 0)
        #expect(kernel.outputText == "hi-42 7\n\ns 0\n")
        #expect(kernel.errorText == "sh: divide by zero\n")
    }
}

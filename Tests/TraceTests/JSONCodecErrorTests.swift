import Foundation
import Testing
@testable import Trace

/// Every way decoding fails, compared with Foundation's JSONDecoder: the same DecodingError
/// case, type, coding path and words, from bytes and from an already parsed `JSONValue`.
@Suite("JSON codec: decoding errors as Foundation reported them")
struct JSONCodecErrorTests {
    struct Config: Codable { var Cmd: [String]; var Image: String; var Tty: Bool?; var Env: [String]? }
    struct Body: Codable { var Config: Config; var Memory: Int64?; var Labels: [String: Int]? }
    struct Numbers: Codable { var small: UInt8?; var count: Int?; var wide: UInt64?; var signed: Int64?; var ratio: Double? }
    enum Policy: String, Codable { case always, never }
    struct Flags: Codable { var on: Bool; var policy: Policy?; var name: String; var nested: Config? }

    /// Reads three integers from an array with a hand-written unkeyed container.
    struct Triple: Decodable {
        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            for _ in 0..<3 { _ = try container.decode(Int.self) }
        }
    }

    /// Compares the errors for `text` from bytes, and from the parsed `JSONValue` too unless
    /// the parser's value cannot show what is wrong (it reads "01" as 1, "1e400" as infinity).
    static func compare<T: Decodable>(
        _ type: T.Type, _ text: String, asValue: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let reference = Result { try FoundationReference.decode(type, from: text) }
        let fromBytes = Result { try JSONValueDecoder().decode(type, from: Array(text.utf8)) }
        guard case let .failure(expected) = reference else {
            Issue.record("Foundation decoded \(text)", sourceLocation: sourceLocation)
            return
        }
        guard case let .failure(actual) = fromBytes else {
            Issue.record("the codec decoded \(text)", sourceLocation: sourceLocation)
            return
        }
        #expect(DecodingErrorShape(actual) == DecodingErrorShape(expected), "\(text)", sourceLocation: sourceLocation)
        if asValue, let value = try? JSONParser.parse(text) {
            let fromValue = Result { try JSONValueDecoder().decode(type, from: value) }
            if case let .failure(error) = fromValue {
                #expect(DecodingErrorShape(error) == DecodingErrorShape(expected), "\(text) as a JSONValue", sourceLocation: sourceLocation)
            } else {
                Issue.record("the codec decoded \(text) as a JSONValue", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("a missing key is keyNotFound at the container's path")
    func missingKeys() {
        Self.compare(Body.self, #"{}"#)
        Self.compare(Body.self, #"{"Config":{"Image":"busybox"}}"#)
        Self.compare(Body.self, #"{"Config":{"Cmd":[]}}"#)
    }

    @Test("a value of the wrong type is typeMismatch at the value's path")
    func wrongTypes() {
        Self.compare(Body.self, #"{"Config":{"Cmd":"sh","Image":"busybox"}}"#)
        Self.compare(Body.self, #"{"Config":{"Cmd":["sh",1],"Image":"busybox"}}"#)
        Self.compare(Body.self, #"{"Config":{"Cmd":[],"Image":7}}"#)
        Self.compare(Body.self, #"{"Config":[],"Memory":1}"#)
        Self.compare(Body.self, #"{"Config":{"Cmd":[],"Image":"b","Tty":1}}"#)
        Self.compare(Body.self, #"{"Config":{"Cmd":[],"Image":"b"},"Memory":"1g"}"#)
        Self.compare(Body.self, #"{"Config":{"Cmd":[],"Image":"b"},"Labels":{"a":1,"b":"x"}}"#)
        Self.compare(Body.self, #"[1,2]"#)
        Self.compare(Body.self, #""body""#)
        Self.compare(Flags.self, #"{"on":"yes","name":"x"}"#)
        Self.compare(Numbers.self, #"{"ratio":"1.5"}"#)
        Self.compare([String: [Int]].self, #"{"a":[1,true]}"#)
    }

    @Test("null where a value is needed is valueNotFound; a null Bool is a type mismatch, as in Foundation")
    func nulls() {
        Self.compare(Body.self, #"{"Config":null}"#)
        Self.compare(Body.self, #"{"Config":{"Cmd":null,"Image":"b"}}"#)
        Self.compare(Body.self, #"{"Config":{"Cmd":[],"Image":null}}"#)
        Self.compare(Body.self, #"{"Config":{"Cmd":[null],"Image":"b"}}"#)
        Self.compare(Flags.self, #"{"on":null,"name":"x"}"#)
        Self.compare(Numbers.self, #"[null]"#)
        Self.compare([Int].self, #"[1,null]"#)
        Self.compare(Body.self, #"null"#)
    }

    @Test("a fraction or an out-of-range number is dataCorrupted with an empty path")
    func unrepresentableNumbers() {
        Self.compare(Numbers.self, #"{"small":256}"#)
        Self.compare(Numbers.self, #"{"small":-1}"#)
        Self.compare(Numbers.self, #"{"count":1.5}"#)
        Self.compare(Numbers.self, #"{"count":1e400}"#, asValue: false)
        Self.compare(Numbers.self, #"{"wide":18446744073709551616}"#)
        Self.compare(Numbers.self, #"{"wide":-1}"#)
        Self.compare(Numbers.self, #"{"signed":9223372036854775808}"#)
        Self.compare(Numbers.self, #"{"signed":-9223372036854775809}"#)
        Self.compare(Numbers.self, #"{"ratio":1e400}"#, asValue: false)
    }

    @Test("an unkeyed container at its end is valueNotFound at the next index")
    func unkeyedAtEnd() {
        Self.compare(Triple.self, #"[1,2]"#)
        Self.compare(Triple.self, #"[]"#)
        Self.compare(Triple.self, #"{"a":1}"#)
    }

    @Test("a raw value that is not a case is dataCorrupted at its path")
    func invalidRawValue() {
        Self.compare(Flags.self, #"{"on":true,"name":"x","policy":"sometimes"}"#)
    }

    /// Foundation's scanner also lets "-" and a trailing comma ("[1,]") through; this parser
    /// refuses them as RFC 8259 does, so those two are not compared.
    @Test("invalid JSON is dataCorrupted at the top, and the underlying error says where")
    func invalidJSON() throws {
        for text in ["{", #"{"a":}"#, "nul", "\"unterminated", #"{"a":1} x"#, "", "[1 2]", #"{"a" 1}"#, #""\u12""#] {
            Self.compare(Body.self, text)
        }
        for text in ["01", "1.", #"{"count":01}"#, #"{"count":1.}"#, #"{"ratio":1.e5}"#, #"{"ratio":-01.5}"#] {
            Self.compare(Numbers.self, text, asValue: false)
        }
        do {
            _ = try JSONValueDecoder().decode(Body.self, from: Array(#"{"Config": [1,}"#.utf8))
            Issue.record("decoded invalid JSON")
        } catch let DecodingError.dataCorrupted(context) {
            #expect((context.underlyingError as? JSONParser.SyntaxError)?.offset == 14)
        }
    }

    @Test("numbers that fit decode the same as Foundation decodes them")
    func acceptedNumbers() throws {
        for text in [#"{"count":3.0}"#, #"{"count":1e3}"#, #"{"ratio":3}"#, #"{"wide":18446744073709551615}"#,
                     #"{"signed":-9223372036854775808}"#, #"{"small":255,"ratio":-0.0}"#, #"{"ratio":1e-400}"#] {
            let reference = Result { try FoundationReference.decode(Numbers.self, from: text) }
            let mine = Result { try JSONValueDecoder().decode(Numbers.self, from: Array(text.utf8)) }
            switch (reference, mine) {
            case let (.success(a), .success(b)):
                #expect(a.count == b.count && a.wide == b.wide && a.signed == b.signed && a.small == b.small, "\(text)")
                #expect(a.ratio?.bitPattern == b.ratio?.bitPattern, "\(text)")
            case let (.failure(a), .failure(b)):
                #expect(DecodingErrorShape(a) == DecodingErrorShape(b), "\(text)")
            default:
                Issue.record("\(text): Foundation \(reference), codec \(mine)")
            }
        }
    }

    @Test("a JSONValue decodes as its written text did: a non-finite Double reads as null")
    func nonFiniteValue() throws {
        struct Ratio: Decodable { var ratio: Double }
        let value = JSONValue.object([("ratio", .double(.infinity))])
        #expect(try JSONValueDecoder().decode(Numbers.self, from: value).ratio == nil)
        do {
            _ = try FoundationReference.decode(Ratio.self, from: value.serialized)
            Issue.record("Foundation decoded \(value.serialized)")
        } catch {
            #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Ratio.self, from: value) }
            let mine = Result { try JSONValueDecoder().decode(Ratio.self, from: value) }
            if case let .failure(mineError) = mine { #expect(DecodingErrorShape(mineError) == DecodingErrorShape(error)) }
        }
    }

    @Test("a duplicate key keeps its first value, in small and large objects")
    func duplicateKeys() throws {
        #expect(try JSONValueDecoder().decode([String: Int].self, from: Array(#"{"a":1,"a":2}"#.utf8)) == ["a": 1])
        let large = (0..<20).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + #","k3":99"#
        let decoded = try JSONValueDecoder().decode([String: Int].self, from: Array("{\(large)}".utf8))
        #expect(decoded == (try FoundationReference.decode([String: Int].self, from: "{\(large)}")))
        #expect(decoded["k3"] == 3 && decoded.count == 20)
    }
}

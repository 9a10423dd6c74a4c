import Foundation
import Testing
@testable import Trace

/// The codec against Foundation's JSONEncoder: the same bytes for the same values, and values
/// that come back equal.
@Suite("JSON codec: encoding as Foundation did")
struct JSONCodecTests {
    struct Port: Codable, Equatable {
        var privatePort: Int
        var publicPort: UInt16?
        var type: String
    }

    enum State: String, Codable { case created, running, stopped }

    enum Event: Codable, Equatable {
        case exit(code: Int32)
        case signal(String)
    }

    struct Container: Codable, Equatable {
        var Id: String
        var Names: [String]
        var Command: String?
        var Created: Int64
        var Ports: [Port]
        var Labels: [String: String]
        var Mounts: [[String: [Int]]]
        var State: State
        var Events: [Event]
        var Ratio: Double
        var Detached: Bool
        var Empty: [String: Port]
    }

    static let container = Container(
        Id: "c18fd4650a40", Names: ["/bench", "/alias/two"], Command: nil, Created: 1_767_225_600,
        Ports: [Port(privatePort: 80, publicPort: 8080, type: "tcp"), Port(privatePort: 53, publicPort: nil, type: "udp")],
        Labels: ["b": "2", "a": "1", "A": "0", "com.docker/compose": "x"], Mounts: [["z": [3, 2], "a": []], [:]],
        State: .running, Events: [.exit(code: -1), .signal("SIGKILL")], Ratio: 0.25, Detached: true, Empty: [:]
    )

    @Test("a nested Codable value encodes to Foundation's bytes and decodes back equal")
    func nestedRoundTrip() throws {
        let bytes = try JSONValueEncoder().encode(Self.container)
        #expect(bytes == (try FoundationReference.encode(Self.container)))
        #expect(try JSONValueDecoder().decode(Container.self, from: bytes) == Self.container)
        let value = try JSONValueEncoder().encodeValue(Self.container)
        #expect(try JSONValueDecoder().decode(Container.self, from: value) == Self.container)
    }

    @Test("encodeValue gives what the parser reads back from Foundation's bytes")
    func valueMatchesParsedFoundationBytes() throws {
        let values: [AnyJSON] = [
            .double(1), .double(-0.0), .double(1e20), .double(0.5), .unsigned(.max), .int(.min),
            .object(["b": .array([.double(2), .null]), "a": .string("x")]),
        ]
        for value in values {
            #expect(try JSONValueEncoder().encodeValue(value) == JSONParser.parse(FoundationReference.encode(value)), "\(value)")
        }
    }

    @Test("keys are sorted by their UTF-8 bytes as Foundation's sortedKeys sorts them")
    func keyOrder() throws {
        let keys = ["b", "B", "a", "_x", "Z9", "z10", "z9", "a10", "a2", "a1", "é", "e", "ä", "日本", "😀", "", " ", "a_b", "aB", "ab", "A1"]
        let dictionary = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        let bytes = try JSONValueEncoder().encode(dictionary)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: try FoundationReference.encode(dictionary), as: UTF8.self))
    }

    @Test("strings are escaped as Foundation escapes them: control characters, DEL, slashes, non-ASCII")
    func stringEscaping() throws {
        var all = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
        all += ["\u{08}\u{0C}", "a/b", "\"quoted\"", "back\\slash", "é ü ß", "日本語", "😀", "\u{2028}\u{2029}", "\u{FEFF}", "e\u{301}"]
        for string in all {
            let mine = try JSONValueEncoder().encode([string: string])
            #expect(mine == (try FoundationReference.encode([string: string])), "\(Array(string.unicodeScalars))")
            #expect(try JSONValueDecoder().decode([String: String].self, from: mine) == [string: string])
        }
    }

    @Test("doubles and floats are written as Foundation writes them")
    func floatingPointText() throws {
        let doubles: [Double] = [
            0, -0.0, 1, -1, 1.5, 0.1, 1e20, 1e-5, 1e-7, 1e15, 1e16, 123_456_789.125, 0x1p53 + 2, 2.5e-308,
            .greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude, -123.456, 100, 3.14159265358979,
        ]
        for double in doubles {
            #expect(try JSONValueEncoder().encode([double]) == FoundationReference.encode([double]), "\(double)")
            #expect(try JSONValueDecoder().decode([Double].self, from: JSONValueEncoder().encode([double])) == [double])
        }
        let floats: [Float] = [0, -0.0, 0.1, 1.5, 16_777_216, 1e10, 3.4e38, 1e-10, .leastNonzeroMagnitude, -2.75]
        for float in floats {
            #expect(try JSONValueEncoder().encode([float]) == FoundationReference.encode([float]), "\(float)")
            #expect(try JSONValueDecoder().decode([Float].self, from: JSONValueEncoder().encode([float])) == [float])
        }
    }

    @Test("a non-finite number is refused as Foundation refuses it, naming its path")
    func nonFinite() {
        struct Holder: Encodable { var inner: [String: [Double]] }
        for value in [Double.nan, .infinity, -.infinity] {
            let holder = Holder(inner: ["x": [1, value]])
            var mine: EncodingError?
            var theirs: EncodingError?
            do { _ = try JSONValueEncoder().encode(holder) } catch { mine = error as? EncodingError }
            do { _ = try FoundationReference.encode(holder) } catch { theirs = error as? EncodingError }
            guard case let .invalidValue(_, context)? = mine, case let .invalidValue(_, reference)? = theirs else {
                Issue.record("expected invalidValue from both, got \(String(describing: mine)) and \(String(describing: theirs))")
                continue
            }
            #expect(context.debugDescription == reference.debugDescription)
            #expect(context.codingPath.map(DecodingErrorShape.describe) == ["inner", "x", "[1]Index 1"])
        }
    }

    @Test("integers at the Int64 and UInt64 limits are written and read exactly")
    func integerLimits() throws {
        struct Limits: Codable, Equatable {
            var int64Min = Int64.min, int64Max = Int64.max, uint64Max = UInt64.max, uint64High = UInt64(Int64.max) + 1
            var int8Min = Int8.min, uint8Max = UInt8.max, int32Min = Int32.min, uint32Max = UInt32.max
            var int = Int.min, uint = UInt.max
        }
        let bytes = try JSONValueEncoder().encode(Limits())
        #expect(bytes == (try FoundationReference.encode(Limits())))
        #expect(try JSONValueDecoder().decode(Limits.self, from: bytes) == Limits())
        #expect(try JSONValueDecoder().decode(UInt64.self, from: Array("1e19".utf8)) == 10_000_000_000_000_000_000)
        #expect(try JSONValueDecoder().decode(Int64.self, from: Array("-9223372036854775808".utf8)) == .min)
        for text in ["9007199254740993.0", "9007199254740993.5", "1.8446744073709551615e19", "18446744073709551615.0",
                     "-9223372036854775809", "9.223372036854775807e18", "922337203685477580.7e1", "1e2", "-0", "01"] {
            let reference = try? FoundationReference.decode([String: Int64].self, from: "{\"n\":\(text)}")
            let mine = try? JSONValueDecoder().decode([String: Int64].self, from: Array("{\"n\":\(text)}".utf8))
            #expect(mine == reference, "\(text)")
            let unsigned = try? FoundationReference.decode([UInt64].self, from: "[\(text)]")
            let mineUnsigned = try? JSONValueDecoder().decode([UInt64].self, from: Array("[\(text)]".utf8))
            #expect(mineUnsigned == unsigned, "\(text)")
        }
    }

    @Test("nil optionals are left out by encodeIfPresent and written as null by encodeNil")
    func optionals() throws {
        struct Explicit: Encodable {
            var name: String?
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encodeNil(forKey: .name)
            }
            enum CodingKeys: CodingKey { case name }
        }
        struct Synthesized: Codable { var name: String?; var tags: [String?] }
        let synthesized = Synthesized(name: nil, tags: ["a", nil])
        #expect(try JSONValueEncoder().encode(synthesized) == FoundationReference.encode(synthesized))
        #expect(String(decoding: try JSONValueEncoder().encode(synthesized), as: UTF8.self) == #"{"tags":["a",null]}"#)
        #expect(String(decoding: try JSONValueEncoder().encode(Explicit()), as: UTF8.self) == #"{"name":null}"#)
        #expect(try JSONValueEncoder().encode(Explicit()) == FoundationReference.encode(Explicit()))
    }

    @Test("top-level scalars, empty containers and a value that encodes nothing")
    func edges() throws {
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(try JSONValueEncoder().encode("a/b") == FoundationReference.encode("a/b"))
        #expect(try JSONValueEncoder().encode(42) == FoundationReference.encode(42))
        #expect(try JSONValueEncoder().encode([[Int]]()) == FoundationReference.encode([[Int]]()))
        #expect(try JSONValueEncoder().encode([[String: Int]()]) == FoundationReference.encode([[String: Int]()]))
        #expect(try JSONValueEncoder().encode(["x": [Nothing()]]) == FoundationReference.encode(["x": [Nothing()]]))
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(Nothing()) }
    }
}

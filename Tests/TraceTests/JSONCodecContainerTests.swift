import Trace
import Foundation
import Testing
@testable import Trace

/// The less common parts of Codable — nested containers, super encoders and decoders, coding
/// paths, user info — behave as with Foundation.
@Suite("JSON codec: containers, super coders and coding paths")
struct JSONCodecContainerTests {
    class Base: Codable {
        var id: Int
        init(id: Int) { self.id = id }
    }

    /// Encodes its superclass through `superEncoder()` and its fields through nested containers.
    final class Derived: Base, Equatable {
        var name: String
        var pairs: [[Int]]

        init(id: Int, name: String, pairs: [[Int]]) {
            self.name = name
            self.pairs = pairs
            super.init(id: id)
        }

        enum Keys: String, CodingKey { case name, detail, pairs }
        enum DetailKeys: String, CodingKey { case upper, inner }

        required init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            let detail = try container.nestedContainer(keyedBy: DetailKeys.self, forKey: .detail)
            name = try detail.decode(String.self, forKey: .inner)
            var pairs = try container.nestedUnkeyedContainer(forKey: .pairs)
            var decoded: [[Int]] = []
            while !pairs.isAtEnd {
                var pair = try pairs.nestedUnkeyedContainer()
                decoded.append([try pair.decode(Int.self), try pair.decode(Int.self)])
            }
            self.pairs = decoded
            try super.init(from: container.superDecoder())
        }

        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var detail = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .detail)
            try detail.encode(name, forKey: .inner)
            var reopened = container.nestedContainer(keyedBy: DetailKeys.self, forKey: .detail)
            try reopened.encode(name.uppercased(), forKey: .upper)
            var pairs = container.nestedUnkeyedContainer(forKey: .pairs)
            for pair in self.pairs {
                var nested = pairs.nestedUnkeyedContainer()
                for number in pair { try nested.encode(number) }
            }
            try container.encode("replaced later", forKey: .name)
            try container.encode(name, forKey: .name)
            try super.encode(to: container.superEncoder())
        }

        static func == (a: Derived, b: Derived) -> Bool { a.id == b.id && a.name == b.name && a.pairs == b.pairs }
    }

    /// Writes its second element through the unkeyed container's super encoder.
    struct Spliced: Codable, Equatable {
        var values: [String]
        init(values: [String]) { self.values = values }
        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            var values = [try container.decode(String.self)]
            values.append(try container.superDecoder().singleValueContainer().decode(String.self))
            values.append(try container.decode(String.self))
            self.values = values
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(values[0])
            let superEncoder = container.superEncoder()
            try container.encode(values[2])
            var single = superEncoder.singleValueContainer()
            try single.encode(values[1])
        }
    }

    @Test("super encoders, reopened and nested containers write what Foundation writes")
    func superAndNested() throws {
        let value = Derived(id: 7, name: "web", pairs: [[1, 2], [3, 4]])
        let bytes = try JSONValueEncoder().encode(value)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: try FoundationReference.encode(value), as: UTF8.self))
        #expect(try JSONValueDecoder().decode(Derived.self, from: bytes) == value)
        let spliced = Spliced(values: ["a", "b", "c"])
        #expect(try JSONValueEncoder().encode(spliced) == FoundationReference.encode(spliced))
        #expect(try JSONValueDecoder().decode(Spliced.self, from: JSONValueEncoder().encode(spliced)) == spliced)
    }

    /// Records the coding path and user info each value sees.
    struct Probe: Codable {
        nonisolated(unsafe) static var seen: [String] = []
        init() {}
        init(from decoder: any Decoder) throws {
            Self.record(decoder.codingPath, decoder.userInfo)
            _ = try decoder.singleValueContainer().decode(Int.self)
        }
        func encode(to encoder: any Encoder) throws {
            Self.record(encoder.codingPath, encoder.userInfo)
            var container = encoder.singleValueContainer()
            try container.encode(1)
        }
        static func record(_ path: [any CodingKey], _ info: [CodingUserInfoKey: Any]) {
            let key = CodingUserInfoKey(rawValue: "probe")
            seen.append(path.map(DecodingErrorShape.describe).joined(separator: "/") + " \(key.flatMap { info[$0] } ?? "-")")
        }
    }

    struct Probes: Codable { var list: [Probe]; var map: [String: Probe] }

    @Test("each value sees the coding path Foundation gives it, and the user info")
    func codingPaths() throws {
        let probes = Probes(list: [Probe(), Probe()], map: ["k": Probe()])
        Probe.seen = []
        _ = try FoundationReference.encode(probes)
        let foundationEncoding = Probe.seen.map { $0.replacingOccurrences(of: " -", with: "") }
        Probe.seen = []
        var encoder = JSONValueEncoder()
        if let key = CodingUserInfoKey(rawValue: "probe") { encoder.userInfo[key] = "on" }
        let bytes = try encoder.encode(probes)
        #expect(Probe.seen.map { $0.replacingOccurrences(of: " on", with: "") } == foundationEncoding)
        #expect(Probe.seen.allSatisfy { $0.hasSuffix(" on") })

        Probe.seen = []
        _ = try JSONDecoder().decode(Probes.self, from: Data(bytes))
        let foundationDecoding = Probe.seen
        Probe.seen = []
        _ = try JSONValueDecoder().decode(Probes.self, from: bytes)
        #expect(Probe.seen == foundationDecoding)
        #expect(foundationDecoding.contains("list/[1]Index 1 -"))
    }

    struct Envelope: Codable { var id: String; var spec: JSONValueCodable; var extra: [JSONValueCodable] }

    @Test("a JSONValueCodable is read and written as a tree: members sorted, each key once, numbers normalised")
    func documentCarriedWhole() throws {
        let text = #"{"extra":[1,{"b":[true,null],"a":"x","a":"y"}],"id":"c1","spec":{"z":1.5,"a":[1,2.0],"n":18446744073709551615}}"#
        let envelope = try JSONValueDecoder().decode(Envelope.self, from: Array(text.utf8))
        #expect(envelope.spec.value == .object([("a", .array([.int(1), .int(2)])), ("n", .double(18446744073709551615)), ("z", .double(1.5))]))
        #expect(envelope.extra.map(\.value) == [.int(1), .object([("a", .string("x")), ("b", .array([.bool(true), .null]))])])
        let fromTree = try JSONValueDecoder().decode(Envelope.self, from: JSONParser.parse(text))
        #expect(fromTree.spec.value == envelope.spec.value && fromTree.extra.map(\.value) == envelope.extra.map(\.value))
        let written = try JSONValueEncoder().encode(envelope)
        #expect(String(decoding: written, as: UTF8.self)
            == #"{"extra":[1,{"a":"x","b":[true,null]}],"id":"c1","spec":{"a":[1,2],"n":1.8446744073709552e+19,"z":1.5}}"#)
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(JSONValueCodable(.array([.double(.nan)]))) }
    }
}

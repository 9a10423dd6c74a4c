import Foundation
import Testing
import Trace
@testable import Wire

/// A document carried whole (`JSONValueCodable`, the OCI spec in containerd's messages) reads
/// through the codec's tree hook exactly as it read value by value under Foundation's decoder.
@Suite("JSONValueCodable through the codec")
struct JSONValueCodableCodecTests {
    static let documents = [
        #"{"ociVersion":"1.0.2-dev","process":{"args":["/bin/sh","-c","echo hi"],"user":{"uid":0,"gid":0}},"b":1,"B":2,"_":3,"é":4,"a1":5,"a10":6,"a2":7}"#,
        #"{"dup":1,"dup":2,"numbers":[1.0,1e2,-0.0,0.5,9223372036854775807,9223372036854775808,18446744073709551615,-1e3,1e-3],"nothing":null}"#,
        #"[true,false,null,"s",[],{},[[1],[{"z":{"y":[2.5]}}]]]"#,
        #""just a string""#,
        "42",
    ]

    @Test("the tree hook gives the value Foundation's value-by-value decoding gave")
    func sameAsFoundation() throws {
        for text in Self.documents {
            let reference = try JSONDecoder().decode(JSONValueCodable.self, from: Data(text.utf8)).value
            #expect(try JSONCoding.decode(JSONValueCodable.self, from: Array(text.utf8)).value == reference, "\(text)")
            #expect(try JSONCoding.decode(JSONValueCodable.self, from: JSONParser.parse(text)).value == reference, "\(text) as a JSONValue")
        }
    }

    @Test("a carried document is written as Foundation wrote it")
    func encodesAsFoundation() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for text in Self.documents {
            let value = try JSONCoding.decode(JSONValueCodable.self, from: Array(text.utf8))
            #expect(try JSONCoding.encode(value) == Array(try encoder.encode(value)), "\(text)")
            #expect(try JSONCoding.value(value) == JSONParser.parse(JSONCoding.encode(value)), "\(text)")
        }
    }
}

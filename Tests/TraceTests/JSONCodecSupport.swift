import Foundation
@testable import Trace

/// Foundation's encoder as this project configured it before it had its own codec: the
/// reference every byte of `JSONValueEncoder` is compared with.
enum FoundationReference {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// Any JSON document as a Codable value, to push whole reference documents through both codecs.
enum AnyJSON: Codable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case unsigned(UInt64)
    case double(Double)
    case string(String)
    case array([AnyJSON])
    case object([String: AnyJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(UInt64.self) {
            self = .unsigned(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AnyJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: AnyJSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .int(value): try container.encode(value)
        case let .unsigned(value): try container.encode(value)
        case let .double(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }
}

/// A DecodingError reduced to what a message is built from, to compare two decoders' errors.
struct DecodingErrorShape: Equatable, CustomStringConvertible {
    let kind: String
    let type: String
    let path: [String]
    let debugDescription: String

    init(_ error: any Error) {
        guard let error = error as? DecodingError else {
            self.init(kind: "not a DecodingError: \(error)", type: "", context: nil)
            return
        }
        switch error {
        case let .typeMismatch(type, context): self.init(kind: "typeMismatch", type: "\(type)", context: context)
        case let .valueNotFound(type, context): self.init(kind: "valueNotFound", type: "\(type)", context: context)
        case let .keyNotFound(key, context):
            self.init(kind: "keyNotFound", type: Self.describe(key), context: context)
        case let .dataCorrupted(context): self.init(kind: "dataCorrupted", type: "", context: context)
        @unknown default: self.init(kind: "unknown", type: "", context: nil)
        }
    }

    private init(kind: String, type: String, context: DecodingError.Context?) {
        self.kind = kind
        self.type = type
        self.path = context?.codingPath.map(Self.describe) ?? []
        self.debugDescription = context?.debugDescription ?? ""
    }

    static func describe(_ key: any CodingKey) -> String {
        key.intValue.map { "[\($0)]\(key.stringValue)" } ?? key.stringValue
    }

    var description: String { "\(kind)(\(type)) at \(path): \(debugDescription)" }
}

import Foundation
import Testing
@testable import Trace

/// Whole documents Docker 20.10 produced, and Engine API bodies as this project declares them,
/// written by the codec and by Foundation: the same bytes, the same values back.
@Suite("JSON codec: reference documents")
struct JSONCodecReferenceTests {
    static let documents: [(String, String)] = [
        ("OCI runtime spec", ReferenceDocuments.ociConfigFromDockerd), ("inspect", ReferenceDocuments.inspect),
        ("info", ReferenceDocuments.info), ("version", ReferenceDocuments.version), ("runc state", ReferenceDocuments.runcState),
    ]

    @Test("each reference document decodes as Foundation decodes it and re-encodes to Foundation's bytes")
    func documentsMatchFoundation() throws {
        for (name, text) in Self.documents {
            let reference = try FoundationReference.decode(AnyJSON.self, from: text)
            let mine = try JSONValueDecoder().decode(AnyJSON.self, from: Array(text.utf8))
            #expect(mine == reference, "\(name)")
            #expect(try JSONValueDecoder().decode(AnyJSON.self, from: JSONParser.parse(text)) == reference, "\(name) as a JSONValue")
            let bytes = try JSONValueEncoder().encode(mine)
            #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: try FoundationReference.encode(reference), as: UTF8.self), "\(name)")
            #expect(try JSONValueEncoder().encodeValue(mine) == JSONParser.parse(bytes), "\(name)")
        }
    }

    /// Part of the body of POST /containers/create, typed as the Engine API declares it.
    struct CreateBody: Codable, Equatable {
        struct HostConfig: Codable, Equatable {
            struct RestartPolicy: Codable, Equatable { var Name: String; var MaximumRetryCount: Int }
            var Binds: [String]?
            var NetworkMode: String
            var RestartPolicy: RestartPolicy
            var AutoRemove: Bool
            var Memory: Int64
            var MemorySwap: Int64
            var CpuShares: Int64?
            var Ulimits: [[String: Int64]]?
            var Tmpfs: [String: String]?
        }
        struct Empty: Codable, Equatable {}
        var Hostname: String
        var Env: [String]?
        var Cmd: [String]
        var Image: String
        var Labels: [String: String]
        var ExposedPorts: [String: Empty]?
        var Tty: Bool
        var StopSignal: String?
        var HostConfig: HostConfig
    }

    static let createBody = CreateBody(
        Hostname: "", Env: ["PATH=/usr/bin:/bin", "A=b/c"], Cmd: ["sh", "-c", "echo \"hi\" > /tmp/x\t"], Image: "busybox:latest",
        Labels: ["com.example.z": "1", "com.example.a": "é"], ExposedPorts: ["80/tcp": .init(), "53/udp": .init()], Tty: false,
        StopSignal: nil,
        HostConfig: .init(
            Binds: ["/src:/dst:ro"], NetworkMode: "default", RestartPolicy: .init(Name: "no", MaximumRetryCount: 0),
            AutoRemove: true, Memory: 64 << 20, MemorySwap: -1, CpuShares: nil,
            Ulimits: [["Hard": 1_048_576, "Soft": 1_048_576]], Tmpfs: ["/run": "rw,noexec"]
        )
    )

    @Test("an Engine API body encodes to Foundation's bytes and decodes back equal")
    func engineBody() throws {
        let bytes = try JSONValueEncoder().encode(Self.createBody)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: try FoundationReference.encode(Self.createBody), as: UTF8.self))
        #expect(try JSONValueDecoder().decode(CreateBody.self, from: bytes) == Self.createBody)
        #expect(try JSONValueDecoder().decode(CreateBody.self, from: JSONValueEncoder().encodeValue(Self.createBody)) == Self.createBody)
    }
}

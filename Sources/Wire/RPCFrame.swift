/// The framing of containerd's ttrpc (github.com/containerd/ttrpc channel.go), which Glassbox
/// keeps, with JSON payloads instead of protobuf so that a person can read every message:
///
///     ┌──────────────┬──────────────┬──────┬───────┬─────────────────────┐
///     │ length (u32) │ stream (u32) │ type │ flags │ payload (JSON)      │
///     └──────────────┴──────────────┴──────┴───────┴─────────────────────┘
///       big-endian      odd ids from   1 request
///                       the client     2 response
public struct RPCFrame: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        case request = 1
        case response = 2
    }

    public var streamID: UInt32
    public var kind: Kind
    public var flags: UInt8
    public var payload: [UInt8]

    /// ttrpc's messageLengthMax: 4 MiB.
    public static let maximumLength = 4 << 20
    static let headerLength = 10

    public init(streamID: UInt32, kind: Kind, flags: UInt8 = 0, payload: [UInt8]) {
        self.streamID = streamID
        self.kind = kind
        self.flags = flags
        self.payload = payload
    }

    public var encoded: [UInt8] {
        let length = UInt32(payload.count)
        return [
            UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF),
            UInt8(streamID >> 24), UInt8((streamID >> 16) & 0xFF), UInt8((streamID >> 8) & 0xFF), UInt8(streamID & 0xFF),
            kind.rawValue, flags,
        ] + payload
    }

    /// Reads one frame; nil at a clean end of stream.
    public static func read(from connection: Connection) throws -> RPCFrame? {
        guard let header = try connection.readExactlyOrEnd(headerLength) else { return nil }
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        let stream = UInt32(header[4]) << 24 | UInt32(header[5]) << 16 | UInt32(header[6]) << 8 | UInt32(header[7])
        guard let kind = Kind(rawValue: header[8]) else { throw WireError.malformed("RPC frame of unknown type \(header[8])") }
        guard length <= maximumLength else {
            throw WireError.malformed("RPC frame of \(length) bytes exceeds the \(maximumLength)-byte limit")
        }
        return RPCFrame(streamID: stream, kind: kind, flags: header[9], payload: try connection.readExactly(length))
    }
}

/// gRPC status codes, as containerd's errdefs maps its error classes onto them.
public enum RPCCode: Int, Sendable, Codable {
    case ok = 0
    case cancelled = 1
    case unknown = 2
    case invalidArgument = 3
    case deadlineExceeded = 4
    case notFound = 5
    case alreadyExists = 6
    case permissionDenied = 7
    case failedPrecondition = 9
    case unimplemented = 12
    case `internal` = 13
    case unavailable = 14

    /// The name the trace and errors show: `NotFound`.
    public var name: String {
        switch self {
        case .ok: return "OK"
        case .cancelled: return "Canceled"
        case .unknown: return "Unknown"
        case .invalidArgument: return "InvalidArgument"
        case .deadlineExceeded: return "DeadlineExceeded"
        case .notFound: return "NotFound"
        case .alreadyExists: return "AlreadyExists"
        case .permissionDenied: return "PermissionDenied"
        case .failedPrecondition: return "FailedPrecondition"
        case .unimplemented: return "Unimplemented"
        case .internal: return "Internal"
        case .unavailable: return "Unavailable"
        }
    }
}

/// An RPC that failed, with its code and message (containerd's `status.Error`).
public struct RPCError: Error, CustomStringConvertible, Sendable {
    public var code: RPCCode
    public var message: String
    public init(_ code: RPCCode, _ message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { message }
}

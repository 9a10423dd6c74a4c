import KernelInterface

/// containerd's errdefs package, which containerd and its shims share: an error is one of a
/// small set of classes, a message in containerd's words, and (here) the stage that failed.
/// `rpcError` is the one place such an error becomes a wire status, as errdefs.ToGRPC does;
/// `init(fromRPC:prefix:stage:)` reads one back, as errdefs.FromGRPC and errors.Wrap do.
public struct ErrdefsError: Error, CustomStringConvertible, Sendable {
    /// The classes; the raw value is the word errdefs appends to a message (`…: not found`).
    public enum Class: String, Sendable {
        case notFound = "not found"
        case alreadyExists = "already exists"
        case invalidArgument = "invalid argument"
        case failedPrecondition = "failed precondition"
        case unavailable = "unavailable"
        case unknown = "unknown"

        var code: RPCCode {
            switch self {
            case .notFound: return .notFound
            case .alreadyExists: return .alreadyExists
            case .invalidArgument: return .invalidArgument
            case .failedPrecondition: return .failedPrecondition
            case .unavailable: return .unavailable
            case .unknown: return .unknown
            }
        }

        init(_ code: RPCCode) {
            switch code {
            case .notFound: self = .notFound
            case .alreadyExists: self = .alreadyExists
            case .invalidArgument: self = .invalidArgument
            case .failedPrecondition: self = .failedPrecondition
            case .unavailable: self = .unavailable
            default: self = .unknown
            }
        }
    }

    public var errorClass: Class
    public var message: String
    public var stage: String?

    public init(_ errorClass: Class, _ message: String, stage: String? = nil) {
        self.errorClass = errorClass
        self.message = message
        self.stage = stage
    }

    public var description: String { stage.map { "\($0): \(message)" } ?? message }

    /// An answer from the layer below as an error of ours, with `prefix` in front
    /// ("failed to create shim task: OCI runtime create failed: …: unknown").
    public init(fromRPC error: RPCError, prefix: String, stage: String) {
        self.init(Class(error.code), prefix.isEmpty ? error.message : "\(prefix): \(error.message)", stage: stage)
    }

    /// Any error as the wire status it travels as: the class picks the code, and the message
    /// ends with the class's word exactly once, which is how the receiving errdefs spells it.
    public static func rpcError(_ error: any Error) -> RPCError {
        switch error {
        case let error as RPCError:
            return error
        case let error as ErrdefsError:
            let suffix = ": " + error.errorClass.rawValue
            return RPCError(error.errorClass.code, error.message.hasSuffix(suffix) ? error.message : error.message + suffix)
        case let error as Errno:
            return rpcError(ErrdefsError(.unknown, error.message))
        default:
            return rpcError(ErrdefsError(.unknown, String(describing: error)))
        }
    }
}

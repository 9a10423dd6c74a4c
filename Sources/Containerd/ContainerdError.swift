import KernelInterface
import Wire

/// An error containerd answers with: one of containerd's errdefs classes, the message in
/// containerd's words, and the stage that failed.
struct ContainerdError: Error, CustomStringConvertible, Sendable {
    /// errdefs' classes; the raw value is the word errdefs appends to a message (`…: not found`).
    enum Class: String, Sendable {
        case notFound = "not found"
        case alreadyExists = "already exists"
        case invalidArgument = "invalid argument"
        case failedPrecondition = "failed precondition"
        case unavailable = "unavailable"
        case unknown = "unknown"
    }

    var errorClass: Class
    var message: String
    var stage: String?

    init(_ errorClass: Class, _ message: String, stage: String? = nil) {
        self.errorClass = errorClass
        self.message = message
        self.stage = stage
    }

    var description: String { stage.map { "\($0): \(message)" } ?? message }

    /// A shim's answer as an error of ours, with `prefix` in front (errdefs.FromGRPC, then
    /// errors.Wrap: "failed to create shim task: OCI runtime create failed: …: unknown").
    init(fromShim error: RPCError, prefix: String, stage: String) {
        let errorClass: Class
        switch error.code {
        case .notFound: errorClass = .notFound
        case .alreadyExists: errorClass = .alreadyExists
        case .invalidArgument: errorClass = .invalidArgument
        case .failedPrecondition: errorClass = .failedPrecondition
        case .unavailable: errorClass = .unavailable
        default: errorClass = .unknown
        }
        self.init(errorClass, prefix.isEmpty ? error.message : "\(prefix): \(error.message)", stage: stage)
    }

    /// The one place an error becomes a wire status, as errdefs.ToGRPC does: the class picks the
    /// code, and the message ends with the class's word once.
    static func rpcError(_ error: any Error) -> RPCError {
        switch error {
        case let error as ContainerdError:
            let code: RPCCode
            switch error.errorClass {
            case .notFound: code = .notFound
            case .alreadyExists: code = .alreadyExists
            case .invalidArgument: code = .invalidArgument
            case .failedPrecondition: code = .failedPrecondition
            case .unavailable: code = .unavailable
            case .unknown: code = .unknown
            }
            let suffix = ": " + error.errorClass.rawValue
            return RPCError(code, error.message.hasSuffix(suffix) ? error.message : error.message + suffix)
        case let error as RPCError:
            return error
        case let error as Errno:
            return rpcError(ContainerdError(.unknown, error.message))
        default:
            return rpcError(ContainerdError(.unknown, String(describing: error)))
        }
    }
}

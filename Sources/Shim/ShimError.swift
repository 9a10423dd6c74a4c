import Wire

/// An error the shim answers with: one of containerd's errdefs classes, the message in
/// containerd's words, and the stage that failed (`runc create`).
struct ShimError: Error, CustomStringConvertible, Sendable {
    /// containerd's errdefs classes; the raw value is the word errdefs appends to a message.
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

    /// The one place an error becomes a wire status, as errdefs.ToGRPC does: the class picks
    /// the code, and the message ends with the class's word once (`…: unknown`), which is how
    /// the receiving side's errdefs.FromGRPC spells it.
    static func rpcError(_ error: any Error) -> RPCError {
        switch error {
        case let error as RPCError:
            return error
        case let error as ShimError:
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
            let message = error.message.hasSuffix(suffix) ? error.message : error.message + suffix
            return RPCError(code, message)
        default:
            return rpcError(ShimError(.unknown, String(describing: error)))
        }
    }
}

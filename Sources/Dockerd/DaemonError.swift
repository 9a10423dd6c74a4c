import Wire

/// dockerd's errors: a class (moby's errdefs) and a message. The class decides the HTTP
/// status in exactly one place, `httpStatus` (moby's httpstatus.FromError).
struct DaemonError: Error, CustomStringConvertible {
    enum Class {
        case invalidParameter, notFound, conflict, notModified, unavailable, forbidden, system
    }

    let kind: Class
    let message: String

    init(_ kind: Class, _ message: String) {
        self.kind = kind
        self.message = message
    }

    var description: String { message }

    var httpStatus: Int {
        switch kind {
        case .invalidParameter: return 400
        case .forbidden: return 403
        case .notFound: return 404
        case .conflict: return 409
        case .notModified: return 304
        case .unavailable: return 503
        case .system: return 500
        }
    }

    static func noSuchContainer(_ reference: String) -> DaemonError {
        DaemonError(.notFound, "No such container: \(reference)")
    }

    static func noSuchImage(_ reference: String) -> DaemonError {
        DaemonError(.notFound, "No such image: \(reference)")
    }

    /// A failure below dockerd, classified as moby's daemon/start.go does: a program that was
    /// not found or could not be executed is the caller's mistake (400), anything else is ours.
    static func fromRuntime(_ error: Error) -> DaemonError {
        let message: String
        if let rpc = error as? RPCError { message = rpc.message } else { message = String(describing: error) }
        if message.contains("executable file not found") || message.contains("no such file or directory")
            || message.contains("permission denied") || message.contains("is a directory") {
            return DaemonError(.invalidParameter, message)
        }
        if let rpc = error as? RPCError, rpc.code == .notFound { return DaemonError(.notFound, message) }
        return DaemonError(.system, message)
    }

    /// Any error as a DaemonError: malformed bodies are the caller's mistake.
    static func from(_ error: Error) -> DaemonError {
        if let error = error as? DaemonError { return error }
        if case WireError.malformed = error { return DaemonError(.invalidParameter, String(describing: error)) }
        return fromRuntime(error)
    }
}

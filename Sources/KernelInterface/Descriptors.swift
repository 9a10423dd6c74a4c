/// A file descriptor number in one process's table.
public struct FileDescriptor: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(_ rawValue: Int32) { self.rawValue = rawValue }
    public static let standardInput = FileDescriptor(0)
    public static let standardOutput = FileDescriptor(1)
    public static let standardError = FileDescriptor(2)
    public var description: String { String(rawValue) }
}

/// A process id, as seen from the pid namespace of the process that holds it.
public struct ProcessID: RawRepresentable, Hashable, Sendable, CustomStringConvertible, Comparable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(_ rawValue: Int32) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (a: ProcessID, b: ProcessID) -> Bool { a.rawValue < b.rawValue }
}

/// A signal number (signal(7)); the values are Linux x86-64's.
public struct Signal: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let SIGHUP = Signal(rawValue: 1)
    public static let SIGINT = Signal(rawValue: 2)
    public static let SIGQUIT = Signal(rawValue: 3)
    public static let SIGABRT = Signal(rawValue: 6)
    public static let SIGKILL = Signal(rawValue: 9)
    public static let SIGUSR1 = Signal(rawValue: 10)
    public static let SIGSEGV = Signal(rawValue: 11)
    public static let SIGUSR2 = Signal(rawValue: 12)
    public static let SIGPIPE = Signal(rawValue: 13)
    public static let SIGALRM = Signal(rawValue: 14)
    public static let SIGTERM = Signal(rawValue: 15)
    public static let SIGCHLD = Signal(rawValue: 17)
    public static let SIGCONT = Signal(rawValue: 18)
    public static let SIGSTOP = Signal(rawValue: 19)
    public static let SIGWINCH = Signal(rawValue: 28)

    static let names: [Int32: String] = [
        1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 6: "SIGABRT", 9: "SIGKILL", 10: "SIGUSR1",
        11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM", 17: "SIGCHLD",
        18: "SIGCONT", 19: "SIGSTOP", 28: "SIGWINCH",
    ]
    public var name: String { Signal.names[rawValue] ?? "SIG\(rawValue)" }
    public var description: String { name }

    /// Parses `SIGTERM`, `TERM` or `15`, as `docker kill --signal` and `runc kill` accept.
    public init?(parsing text: String) {
        if let number = Int32(text), number > 0, number < 65 { self.rawValue = number; return }
        let upper = text.uppercased()
        let name = upper.hasPrefix("SIG") ? upper : "SIG" + upper
        guard let entry = Signal.names.first(where: { $0.value == name }) else { return nil }
        self.rawValue = entry.key
    }
}

/// How a child ended, as wait4(2) reports it.
public enum WaitStatus: Sendable, Hashable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Signal)

    /// The shell's and Docker's exit code: the status, or 128 + the signal number.
    public var exitCode: Int32 {
        switch self {
        case let .exited(code): return code
        case let .signaled(signal): return 128 + signal.rawValue
        }
    }

    public var description: String {
        switch self {
        case let .exited(code): return "exited \(code)"
        case let .signaled(signal): return "killed by \(signal.name)"
        }
    }
}

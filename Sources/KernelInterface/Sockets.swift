/// A socket address: a path for `AF_UNIX`, an IPv4 address and port for `AF_INET`.
public enum SocketAddress: Sendable, Hashable, CustomStringConvertible {
    case unix(String)
    case inet(host: (UInt8, UInt8, UInt8, UInt8), port: UInt16)

    public static let loopback: (UInt8, UInt8, UInt8, UInt8) = (127, 0, 0, 1)

    public static func == (a: SocketAddress, b: SocketAddress) -> Bool {
        switch (a, b) {
        case let (.unix(x), .unix(y)): return x == y
        case let (.inet(h1, p1), .inet(h2, p2)): return h1 == h2 && p1 == p2
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case let .unix(path): hasher.combine(path)
        case let .inet(host, port):
            hasher.combine(host.0); hasher.combine(host.1); hasher.combine(host.2); hasher.combine(host.3)
            hasher.combine(port)
        }
    }

    public var domain: SocketDomain {
        switch self {
        case .unix: return .unix
        case .inet: return .inet
        }
    }

    public var description: String {
        switch self {
        case let .unix(path): return "unix:\(path)"
        case let .inet(host, port): return "\(host.0).\(host.1).\(host.2).\(host.3):\(port)"
        }
    }

    /// Parses `unix:///run/x.sock`, `unix:/run/x.sock`, `/run/x.sock` or `127.0.0.1:5000`
    /// (`tcp://127.0.0.1:5000`), the spellings of dockerd's `-H`.
    public init?(parsing text: String) {
        var rest = Substring(text)
        if rest.hasPrefix("unix://") { self = .unix(String(rest.dropFirst(7))); return }
        if rest.hasPrefix("unix:") { self = .unix(String(rest.dropFirst(5))); return }
        if rest.hasPrefix("/") { self = .unix(String(rest)); return }
        if rest.hasPrefix("tcp://") { rest = rest.dropFirst(6) }
        let hostPort = rest.split(separator: ":")
        guard hostPort.count == 2, let port = UInt16(hostPort[1]) else { return nil }
        let octets = hostPort[0] == "localhost" ? ["127", "0", "0", "1"] : hostPort[0].split(separator: ".").map(String.init)
        guard octets.count == 4 else { return nil }
        let numbers = octets.compactMap { UInt8($0) }
        guard numbers.count == 4 else { return nil }
        self = .inet(host: (numbers[0], numbers[1], numbers[2], numbers[3]), port: port)
    }
}

public enum SocketDomain: Int32, Sendable {
    case unix = 1
    case inet = 2
}

public enum SocketType: Int32, Sendable {
    case stream = 1
    case datagram = 2
}

/// shutdown(2)'s `how`.
public enum ShutdownHow: Int32, Sendable {
    case read = 0
    case write = 1
    case readWrite = 2
}

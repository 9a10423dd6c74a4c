import KernelInterface

/// Which dockerd to talk to: `-H`, else `GLASSBOX_HOST`, else `DOCKER_HOST`, else the default
/// socket, as the docker CLI chooses (its default is /var/run/docker.sock).
public struct DaemonAddress: Sendable {
    public static let defaultSocket = "/run/glassbox.sock"
    public let address: SocketAddress
    public let text: String

    struct Invalid: Error, CustomStringConvertible {
        let value: String
        var description: String { "invalid daemon address \"\(value)\": use unix:///path/to.sock or tcp://127.0.0.1:2375" }
    }

    init(flag: String?, environment context: ProcessContext) throws {
        let chosen = flag ?? context.environmentValue("GLASSBOX_HOST").flatMap { $0.isEmpty ? nil : $0 }
            ?? context.environmentValue("DOCKER_HOST").flatMap { $0.isEmpty ? nil : $0 }
            ?? "unix://" + DaemonAddress.defaultSocket
        guard let address = SocketAddress(parsing: chosen) else { throw Invalid(value: chosen) }
        self.address = address
        if case let .unix(path) = address { text = "unix://" + path } else { text = "tcp://" + address.description }
    }
}

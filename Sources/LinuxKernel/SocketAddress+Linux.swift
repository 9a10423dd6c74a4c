import Glibc
import KernelInterface

extension SocketAddress {
    /// Calls `body` with this address as a `struct sockaddr_un` or `struct sockaddr_in`. A UNIX
    /// path must fit `sun_path` with its terminating NUL (107 bytes), or the call is
    /// `ENAMETOOLONG`, as Go's net package and libuv refuse it rather than truncate; an empty
    /// path names no file (`ENOENT`).
    func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws -> Result) throws -> Result {
        switch self {
        case let .unix(path):
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            guard !bytes.isEmpty else { throw Errno.ENOENT }
            guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw Errno.ENAMETOOLONG }
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
            let length = MemoryLayout<sa_family_t>.size + bytes.count + 1
            return try Self.withGeneric(&address, length: length, body)
        case let .inet(host, port):
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            withUnsafeMutableBytes(of: &address.sin_addr) { $0.copyBytes(from: [host.0, host.1, host.2, host.3]) }
            return try Self.withGeneric(&address, length: MemoryLayout<sockaddr_in>.size, body)
        }
    }

    private static func withGeneric<Address, Result>(
        _ address: inout Address, length: Int, _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> Result
    ) throws -> Result {
        try withUnsafePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0, socklen_t(length)) }
        }
    }

    /// The address the kernel wrote into `storage` (getsockname(2), accept(2)). An unnamed UNIX
    /// socket is `.unix("")`.
    init(storage: sockaddr_storage, length: socklen_t) {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_UNIX:
            let pathLength = max(Int(length) - MemoryLayout<sa_family_t>.size, 0)
            let path = withUnsafeBytes(of: &storage) { bytes in
                let raw = bytes[MemoryLayout<sa_family_t>.size..<(MemoryLayout<sa_family_t>.size + pathLength)]
                return String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            self = .unix(path)
        case AF_INET:
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in.self) }
            let host = withUnsafeBytes(of: address.sin_addr) { Array($0) }
            self = .inet(host: (host[0], host[1], host[2], host[3]), port: UInt16(bigEndian: address.sin_port))
        default:
            preconditionFailure("a socket of family \(storage.ss_family), which Glassbox never creates")
        }
    }
}

import CLinux
import Glibc
import KernelInterface

/// UNIX and TCP sockets.
extension LinuxKernel {
    /// The corresponding C function is `socket(2)`.
    public func socket(_ domain: SocketDomain, _ type: SocketType, closeOnExec: Bool) throws -> FileDescriptor {
        FileDescriptor(try once("socket") { Glibc.socket(domain.rawValue, type.rawValue | Self.socketFlags(closeOnExec), 0) })
    }

    /// The corresponding C function is `socketpair(2)` with `AF_UNIX`.
    public func socketpair(_ type: SocketType, closeOnExec: Bool) throws -> (FileDescriptor, FileDescriptor) {
        var ends: [Int32] = [-1, -1]
        _ = try once("socketpair") { Glibc.socketpair(AF_UNIX, type.rawValue | Self.socketFlags(closeOnExec), 0, &ends) }
        return (FileDescriptor(ends[0]), FileDescriptor(ends[1]))
    }

    /// The corresponding C function is `bind(2)`.
    public func bind(_ fd: FileDescriptor, _ address: SocketAddress) throws {
        _ = try address.withSockaddr { pointer, length in
            try once("bind") { Glibc.bind(fd.rawValue, pointer, length) }
        }
    }

    /// The corresponding C function is `listen(2)`.
    public func listen(_ fd: FileDescriptor, backlog: Int32) throws {
        _ = try once("listen") { Glibc.listen(fd.rawValue, backlog) }
    }

    /// The corresponding C function is `accept4(2)`.
    public func accept(_ fd: FileDescriptor, closeOnExec: Bool) throws -> FileDescriptor {
        FileDescriptor(try retrying("accept4") { gb_accept4(fd.rawValue, Self.socketFlags(closeOnExec)) })
    }

    /// The corresponding C function is `connect(2)`. A connect interrupted by a signal goes on
    /// in the background (connect(2), `EINTR`), so it is not retried: the call waits with
    /// poll(2) for the socket to become writable and reads the outcome from `SO_ERROR`.
    public func connect(_ fd: FileDescriptor, _ address: SocketAddress) throws {
        let result = try address.withSockaddr { pointer, length in Glibc.connect(fd.rawValue, pointer, length) }
        if result == 0 { return }
        guard errno == EINTR else { throw failure("connect", errno) }
        var entry = pollfd(fd: fd.rawValue, events: Int16(POLLOUT), revents: 0)
        _ = try retrying("poll") { poll(&entry, 1, -1) }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = try once("getsockopt(SO_ERROR)") { getsockopt(fd.rawValue, SOL_SOCKET, SO_ERROR, &error, &length) }
        if error != 0 { throw failure("connect", error) }
    }

    /// The corresponding C function is `shutdown(2)`.
    public func shutdown(_ fd: FileDescriptor, _ how: ShutdownHow) throws {
        _ = try once("shutdown") { Glibc.shutdown(fd.rawValue, how.rawValue) }
    }

    /// The corresponding C function is `getsockname(2)`.
    public func getsockname(_ fd: FileDescriptor) throws -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                try once("getsockname") { Glibc.getsockname(fd.rawValue, address, &length) }
            }
        }
        return SocketAddress(storage: storage, length: length)
    }

    static func socketFlags(_ closeOnExec: Bool) -> Int32 {
        closeOnExec ? Int32(SOCK_CLOEXEC.rawValue) : 0
    }
}

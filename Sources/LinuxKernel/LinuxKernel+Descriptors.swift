import CLinux
import Glibc
import KernelInterface

/// Descriptor tables: copies, flags, pipes and readiness.
extension LinuxKernel {
    /// The corresponding C function is `dup(2)`.
    public func dup(_ fd: FileDescriptor) throws -> FileDescriptor {
        FileDescriptor(try once("dup") { Glibc.dup(fd.rawValue) })
    }

    /// The corresponding C function is `dup3(2)` with `O_CLOEXEC`, or `dup2(2)`.
    public func dup2(_ fd: FileDescriptor, _ target: FileDescriptor, closeOnExec: Bool) throws {
        if closeOnExec {
            _ = try retrying("dup3") { gb_dup3(fd.rawValue, target.rawValue, O_CLOEXEC) }
        } else {
            _ = try retrying("dup2") { Glibc.dup2(fd.rawValue, target.rawValue) }
        }
    }

    /// The corresponding C function is `fcntl(2)` with `F_SETFD` (`FD_CLOEXEC` is the only
    /// descriptor flag, so no `F_GETFD` is needed).
    public func setCloseOnExec(_ fd: FileDescriptor, _ on: Bool) throws {
        _ = try once("fcntl(F_SETFD)") { fcntl(fd.rawValue, F_SETFD, on ? FD_CLOEXEC : 0) }
    }

    /// The corresponding C function is `fcntl(2)`: `F_GETFL`, then `F_SETFL` with
    /// `O_NONBLOCK` set or cleared.
    public func setNonBlocking(_ fd: FileDescriptor, _ on: Bool) throws {
        let flags = try once("fcntl(F_GETFL)") { fcntl(fd.rawValue, F_GETFL) }
        let updated = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK
        if updated == flags { return }
        _ = try once("fcntl(F_SETFL)") { fcntl(fd.rawValue, F_SETFL, updated) }
    }

    /// The corresponding C function is `pipe2(2)`.
    public func pipe(closeOnExec: Bool) throws -> (read: FileDescriptor, write: FileDescriptor) {
        var ends: [Int32] = [-1, -1]
        _ = try once("pipe2") { gb_pipe2(&ends, closeOnExec ? O_CLOEXEC : 0) }
        return (FileDescriptor(ends[0]), FileDescriptor(ends[1]))
    }

    /// The corresponding C function is `poll(2)` with `POLLIN`. A descriptor with `POLLHUP` or
    /// `POLLERR` is ready too (its read returns end of file or the error). After `EINTR` the
    /// wait resumes for what is left of the timeout, measured on `CLOCK_MONOTONIC`.
    public func pollReadable(_ fds: [FileDescriptor], timeoutNanoseconds: Int64?) throws -> [FileDescriptor] {
        var entries = fds.map { pollfd(fd: $0.rawValue, events: Int16(POLLIN), revents: 0) }
        let deadline = timeoutNanoseconds.map { clockGettime(.monotonic) + max($0, 0) }
        while true {
            let timeout = deadline.map { Self.pollMilliseconds(until: $0, now: clockGettime(.monotonic)) } ?? -1
            let result = entries.withUnsafeMutableBufferPointer { buffer in
                poll(buffer.baseAddress, nfds_t(buffer.count), timeout)
            }
            if result >= 0 { break }
            if errno != EINTR { throw failure("poll", errno) }
        }
        for entry in entries where entry.revents & Int16(POLLNVAL) != 0 {
            preconditionFailure("poll: POLLNVAL, descriptor \(entry.fd) is not open in this process")
        }
        let ready = Int16(POLLIN | POLLHUP | POLLERR)
        return entries.filter { $0.revents & ready != 0 }.map { FileDescriptor($0.fd) }
    }

    /// poll(2)'s timeout: milliseconds left until `deadline`, rounded up so that a wait never
    /// ends before it.
    static func pollMilliseconds(until deadline: Int64, now: Int64) -> Int32 {
        let remaining = max(deadline - now, 0)
        return Int32(clamping: (remaining + 999_999) / 1_000_000)
    }
}

import CLinux
import Glibc
import KernelInterface

/// The real backend of `Kernel`: each method is one Linux system call (a few are two, named in
/// their doc), with values in and values out.
///
/// As swift-nio's NIOPosix does: `EINTR` is retried here and never seen above (except by
/// `close`, which is never retried: Linux has released the descriptor either way); `EBADF` and
/// `EFAULT` mean Glassbox passed a descriptor or buffer it does not own, a bug, so they trap
/// with a message instead of throwing. Every other errno is thrown as `Errno`.
///
/// Stateless: the kernel keeps the state (the calling thread's process is implied by the call),
/// so one instance serves every thread of the process.
public final class LinuxKernel: Kernel, @unchecked Sendable {
    public init() {}
}

// MARK: - errno handling

/// Runs a call that returns -1 and sets errno on failure, retrying on `EINTR`.
@inline(__always)
func retrying<Result: FixedWidthInteger>(_ call: StaticString, _ body: () -> Result) throws -> Result {
    while true {
        let result = body()
        if result != -1 { return result }
        let error = errno
        if error == EINTR { continue }
        throw failure(call, error)
    }
}

/// Runs a call once: for calls that must not be retried or cannot return `EINTR`.
@inline(__always)
func once<Result: FixedWidthInteger>(_ call: StaticString, _ body: () -> Result) throws -> Result {
    let result = body()
    if result != -1 { return result }
    throw failure(call, errno)
}

/// The `Errno` to throw for `error`, trapping on the two that are Glassbox's own bugs.
func failure(_ call: StaticString, _ error: Int32) -> Errno {
    switch error {
    case EBADF:
        preconditionFailure("\(call): EBADF, a descriptor Glassbox does not own (closed twice, or never opened)")
    case EFAULT:
        preconditionFailure("\(call): EFAULT, a buffer outside the process")
    default:
        return Errno(rawValue: error)
    }
}

// MARK: - C strings

/// Calls `body` with a NULL-terminated array of C strings, as execve(2) takes argv and envp.
func withCStringArray<Result>(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) throws -> Result
) rethrows -> Result {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { for copy in copies { free(copy) } }
    return try copies.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { preconditionFailure("an array with a terminator is never empty") }
        return try body(base)
    }
}

/// A `String` from a fixed-size, NUL-terminated C array imported as a tuple (`d_name`,
/// `utsname`'s fields).
func string<Tuple>(fromCArray tuple: Tuple) -> String {
    withUnsafeBytes(of: tuple) { bytes in
        let length = bytes.firstIndex(of: 0) ?? bytes.count
        return String(decoding: bytes[..<length], as: UTF8.self)
    }
}

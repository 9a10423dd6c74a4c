/// An error number as the kernel returns it (errno(3)). The only error type at the `Kernel`
/// boundary; layers above wrap it in their own error with the stage that failed.
public struct Errno: Error, RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let EPERM = Errno(rawValue: 1)
    public static let ENOENT = Errno(rawValue: 2)
    public static let ESRCH = Errno(rawValue: 3)
    public static let EINTR = Errno(rawValue: 4)
    public static let EIO = Errno(rawValue: 5)
    public static let ENXIO = Errno(rawValue: 6)
    public static let E2BIG = Errno(rawValue: 7)
    public static let ENOEXEC = Errno(rawValue: 8)
    public static let EBADF = Errno(rawValue: 9)
    public static let ECHILD = Errno(rawValue: 10)
    public static let EAGAIN = Errno(rawValue: 11)
    public static let ENOMEM = Errno(rawValue: 12)
    public static let EACCES = Errno(rawValue: 13)
    public static let EFAULT = Errno(rawValue: 14)
    public static let EBUSY = Errno(rawValue: 16)
    public static let EEXIST = Errno(rawValue: 17)
    public static let EXDEV = Errno(rawValue: 18)
    public static let ENODEV = Errno(rawValue: 19)
    public static let ENOTDIR = Errno(rawValue: 20)
    public static let EISDIR = Errno(rawValue: 21)
    public static let EINVAL = Errno(rawValue: 22)
    public static let ENFILE = Errno(rawValue: 23)
    public static let EMFILE = Errno(rawValue: 24)
    public static let ENOTTY = Errno(rawValue: 25)
    public static let ETXTBSY = Errno(rawValue: 26)
    public static let EFBIG = Errno(rawValue: 27)
    public static let ENOSPC = Errno(rawValue: 28)
    public static let ESPIPE = Errno(rawValue: 29)
    public static let EROFS = Errno(rawValue: 30)
    public static let EMLINK = Errno(rawValue: 31)
    public static let EPIPE = Errno(rawValue: 32)
    public static let ERANGE = Errno(rawValue: 34)
    public static let EDEADLK = Errno(rawValue: 35)
    public static let ENAMETOOLONG = Errno(rawValue: 36)
    public static let ENOSYS = Errno(rawValue: 38)
    public static let ENOTEMPTY = Errno(rawValue: 39)
    public static let ELOOP = Errno(rawValue: 40)
    public static let ENODATA = Errno(rawValue: 61)
    public static let ENOTSOCK = Errno(rawValue: 88)
    public static let EPROTOTYPE = Errno(rawValue: 91)
    public static let EOPNOTSUPP = Errno(rawValue: 95)
    public static let EAFNOSUPPORT = Errno(rawValue: 97)
    public static let EADDRINUSE = Errno(rawValue: 98)
    public static let EADDRNOTAVAIL = Errno(rawValue: 99)
    public static let ECONNRESET = Errno(rawValue: 104)
    public static let EISCONN = Errno(rawValue: 106)
    public static let ENOTCONN = Errno(rawValue: 107)
    public static let ETIMEDOUT = Errno(rawValue: 110)
    public static let ECONNREFUSED = Errno(rawValue: 111)

    static let names: [Int32: (String, String)] = [
        1: ("EPERM", "operation not permitted"), 2: ("ENOENT", "no such file or directory"),
        3: ("ESRCH", "no such process"), 4: ("EINTR", "interrupted system call"),
        5: ("EIO", "input/output error"), 6: ("ENXIO", "no such device or address"),
        7: ("E2BIG", "argument list too long"), 8: ("ENOEXEC", "exec format error"),
        9: ("EBADF", "bad file descriptor"), 10: ("ECHILD", "no child processes"),
        11: ("EAGAIN", "resource temporarily unavailable"), 12: ("ENOMEM", "cannot allocate memory"),
        13: ("EACCES", "permission denied"), 14: ("EFAULT", "bad address"),
        16: ("EBUSY", "device or resource busy"), 17: ("EEXIST", "file exists"),
        18: ("EXDEV", "invalid cross-device link"), 19: ("ENODEV", "no such device"),
        20: ("ENOTDIR", "not a directory"), 21: ("EISDIR", "is a directory"),
        22: ("EINVAL", "invalid argument"), 23: ("ENFILE", "too many open files in system"),
        24: ("EMFILE", "too many open files"), 25: ("ENOTTY", "inappropriate ioctl for device"),
        26: ("ETXTBSY", "text file busy"), 27: ("EFBIG", "file too large"),
        28: ("ENOSPC", "no space left on device"), 29: ("ESPIPE", "illegal seek"),
        30: ("EROFS", "read-only file system"), 31: ("EMLINK", "too many links"),
        32: ("EPIPE", "broken pipe"), 34: ("ERANGE", "numerical result out of range"),
        35: ("EDEADLK", "resource deadlock avoided"), 36: ("ENAMETOOLONG", "file name too long"),
        38: ("ENOSYS", "function not implemented"), 39: ("ENOTEMPTY", "directory not empty"),
        40: ("ELOOP", "too many levels of symbolic links"), 61: ("ENODATA", "no data available"), 88: ("ENOTSOCK", "socket operation on non-socket"),
        91: ("EPROTOTYPE", "protocol wrong type for socket"), 95: ("EOPNOTSUPP", "operation not supported"),
        97: ("EAFNOSUPPORT", "address family not supported by protocol"),
        98: ("EADDRINUSE", "address already in use"), 99: ("EADDRNOTAVAIL", "cannot assign requested address"),
        104: ("ECONNRESET", "connection reset by peer"), 106: ("EISCONN", "transport endpoint is already connected"),
        107: ("ENOTCONN", "transport endpoint is not connected"), 110: ("ETIMEDOUT", "connection timed out"),
        111: ("ECONNREFUSED", "connection refused"),
    ]

    /// The symbolic name, `ENOENT`.
    public var name: String { Errno.names[rawValue]?.0 ?? "E\(rawValue)" }
    /// strerror(3)'s text, `no such file or directory`.
    public var message: String { Errno.names[rawValue]?.1 ?? "error \(rawValue)" }
    public var description: String { name }

    /// Looks an errno up by its symbolic name (used by fault injection).
    public init?(name: String) {
        guard let entry = Errno.names.first(where: { $0.value.0 == name }) else { return nil }
        self.rawValue = entry.key
    }
}

extension Errno {
    /// Lets `catch Errno.ENOENT { … }` match a thrown errno.
    public static func ~= (pattern: Errno, error: any Error) -> Bool {
        (error as? Errno) == pattern
    }
}

import KernelInterface

/// A buffered byte stream over one descriptor (a socket, a pipe, a FIFO), read and written
/// through a `Kernel`: the HTTP and RPC codecs read lines and exact counts from it.
public final class Connection: @unchecked Sendable {
    public let kernel: Kernel
    public let fd: FileDescriptor
    private var buffer: [UInt8] = []
    private var start = 0
    private var reachedEnd = false

    public init(kernel: Kernel, fd: FileDescriptor) {
        self.kernel = kernel
        self.fd = fd
    }

    public var bufferedCount: Int { buffer.count - start }

    /// Reads more bytes into the buffer; false at end of stream.
    private func fill() throws -> Bool {
        if reachedEnd { return false }
        let bytes = try kernel.read(fd, count: 65536)
        if bytes.isEmpty { reachedEnd = true; return false }
        if start > 0 && start == buffer.count {
            buffer = bytes
            start = 0
        } else {
            if start > 65536 { buffer.removeFirst(start); start = 0 }
            buffer += bytes
        }
        return true
    }

    /// A line ending in CRLF (or LF), without the line ending; nil at end of stream before any
    /// byte. Lines longer than `limit` are an error (a header flood must not exhaust memory).
    public func readLine(limit: Int = 65536) throws -> String? {
        // How far past `start` has been searched already: an offset, since `fill` may compact
        // the buffer and move `start`.
        var searched = 0
        while true {
            if let newline = buffer[(start + searched)...].firstIndex(of: 0x0A) {
                var end = newline
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                return line
            }
            searched = buffer.count - start
            if searched > limit { throw WireError.malformed("line longer than \(limit) bytes") }
            if try !fill() {
                if start == buffer.count { return nil }
                throw WireError.truncated("stream ended inside a line")
            }
        }
    }

    /// Exactly `count` bytes, or an error if the stream ends first.
    public func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count - start < count {
            if try !fill() { throw WireError.truncated("stream ended after \(buffer.count - start) of \(count) bytes") }
        }
        let out = Array(buffer[start..<(start + count)])
        start += count
        return out
    }

    /// Exactly `count` bytes; nil when the stream ends before the first of them.
    public func readExactlyOrEnd(_ count: Int) throws -> [UInt8]? {
        if start == buffer.count, try !fill() { return nil }
        return try readExactly(count)
    }

    /// Whatever is buffered, or one read's worth; empty at end of stream.
    public func readSome() throws -> [UInt8] {
        if start == buffer.count {
            if try !fill() { return [] }
        }
        let out = Array(buffer[start...])
        buffer.removeAll(keepingCapacity: true)
        start = 0
        return out
    }

    /// Everything until end of stream; more than `limit` bytes is refused.
    public func readToEnd(limit: Int = .max) throws -> [UInt8] {
        var out: [UInt8] = []
        while true {
            let chunk = try readSome()
            if chunk.isEmpty { return out }
            out += chunk
            if out.count > limit { throw WireError.malformed("body larger than \(limit) bytes") }
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        try kernel.writeAll(fd, bytes)
    }

    public func write(_ text: String) throws {
        try kernel.writeAll(fd, Array(text.utf8))
    }

    public func close() {
        try? kernel.close(fd)
    }
}

/// What can go wrong on the wire; each case says what was wrong in words a person can act on.
public enum WireError: Error, CustomStringConvertible, Sendable {
    case malformed(String)
    case truncated(String)
    case remote(code: Int, message: String)

    public var description: String {
        switch self {
        case let .malformed(reason): return "malformed message: \(reason)"
        case let .truncated(reason): return "connection closed early: \(reason)"
        case let .remote(code, message): return "\(message) (code \(code))"
        }
    }
}

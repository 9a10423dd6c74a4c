/// Docker's multiplexed attach stream (moby pkg/stdcopy): each frame is an 8-byte header —
/// the stream (0 stdin, 1 stdout, 2 stderr), three zero bytes, the payload length as a
/// big-endian UInt32 — then the payload. Used when the container has no TTY.
public enum StreamFrame {
    public enum Stream: UInt8, Sendable {
        case stdin = 0
        case stdout = 1
        case stderr = 2
    }

    public static func encode(_ stream: Stream, _ payload: [UInt8]) -> [UInt8] {
        let size = UInt32(payload.count)
        return [stream.rawValue, 0, 0, 0, UInt8(size >> 24), UInt8((size >> 16) & 0xFF), UInt8((size >> 8) & 0xFF), UInt8(size & 0xFF)] + payload
    }

    /// Reads one frame; nil at a clean end of stream.
    public static func read(from connection: Connection) throws -> (Stream, [UInt8])? {
        guard let header = try connection.readExactlyOrEnd(8) else { return nil }
        guard let stream = Stream(rawValue: header[0]) else {
            throw WireError.malformed("attach stream frame for unknown stream \(header[0])")
        }
        let size = Int(header[4]) << 24 | Int(header[5]) << 16 | Int(header[6]) << 8 | Int(header[7])
        return (stream, try connection.readExactly(size))
    }
}

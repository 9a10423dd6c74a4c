import KernelInterface

/// A pipe's buffer (64 KiB, as Linux's default) and how many descriptions hold each end. An
/// anonymous pipe and an open FIFO are the same object; a FIFO's pipe lives while it is open.
final class Pipe {
    static let capacity = 65536

    let inode: Inode
    private var buffer: [UInt8] = []
    private var head = 0
    var readers = 0
    var writers = 0
    /// How many times each end has been opened, so a FIFO open waiting for a peer notices a
    /// peer that came and went (Linux's r_counter/w_counter).
    var readerOpens = 0
    var writerOpens = 0

    init(inode: Inode) { self.inode = inode }

    var available: Int { buffer.count - head }
    var space: Int { Pipe.capacity - available }

    func append(_ bytes: ArraySlice<UInt8>) { buffer += bytes }

    func take(_ count: Int) -> [UInt8] {
        let n = min(count, available)
        let out = Array(buffer[head..<head + n])
        head += n
        if head > 4096, head * 2 > buffer.count {
            buffer.removeFirst(head)
            head = 0
        }
        return out
    }

    func discard() {
        buffer = []
        head = 0
    }

    /// Readable for poll(2): data, or end of file because no writer is left.
    var isReadable: Bool { available > 0 || writers == 0 }
}

extension SimMachine {
    /// A new description on one end of `pipe`, counted while open.
    func openPipeEnd(_ pipe: Pipe, _ end: PipeEnd, flags: OpenFlags, location: Location?) -> OpenFile {
        switch end {
        case .read:
            pipe.readers += 1
            pipe.readerOpens += 1
        case .write:
            pipe.writers += 1
            pipe.writerOpens += 1
        case .both:
            pipe.readers += 1
            pipe.writers += 1
        }
        return OpenFile(.pipe(pipe, end), flags: flags, location: location) { _ in
            switch end {
            case .read: pipe.readers -= 1
            case .write: pipe.writers -= 1
            case .both:
                pipe.readers -= 1
                pipe.writers -= 1
            }
            if pipe.readers == 0 && pipe.writers == 0 {
                pipe.discard()
                if pipe.inode.kind == .fifo { pipe.inode.pipe = nil }
            }
        }
    }

    func readPipe(_ pipe: Pipe, _ file: OpenFile, count: Int, thread: SimThread) throws -> [UInt8] {
        while pipe.available == 0 {
            if pipe.writers == 0 { return [] }
            if file.flags.contains(.nonBlocking) { throw Errno.EAGAIN }
            try block(thread, "read on pipe:[\(pipe.inode.number)]") { pipe.available > 0 || pipe.writers == 0 }
        }
        return pipe.take(count)
    }

    /// write(2) on a pipe: as much as fits (at least one byte, blocking while full); EPIPE and
    /// SIGPIPE once no reader is left.
    func writePipe(_ pipe: Pipe, _ file: OpenFile, _ bytes: [UInt8], thread: SimThread) throws -> Int {
        if bytes.isEmpty { return 0 }
        while true {
            if pipe.readers == 0 {
                try raiseBrokenPipe(thread)
                throw Errno.EPIPE
            }
            if pipe.space > 0 { break }
            if file.flags.contains(.nonBlocking) { throw Errno.EAGAIN }
            try block(thread, "write on full pipe:[\(pipe.inode.number)]") { pipe.space > 0 || pipe.readers == 0 }
        }
        let n = min(pipe.space, bytes.count)
        pipe.append(bytes[0..<n])
        return n
    }
}

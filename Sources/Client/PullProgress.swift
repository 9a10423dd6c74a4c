import KernelInterface
import Wire

/// `POST /images/create?fromImage=…&tag=…`: reads the daemon's JSON progress lines as they
/// come and shows them as the docker CLI does (moby pkg/jsonmessage): on a terminal one line
/// per layer, rewritten in place as its status changes; otherwise one line per status, no
/// progress bars; with `quiet` nothing.
enum PullProgress {
    static func pull(name: String, tag: String, client: EngineClient, context: ProcessContext,
                     quiet: Bool = false, toStandardOutput: Bool = false) throws {
        var target = client.path("/images/create?fromImage=" + percentEncode(name))
        if !tag.isEmpty { target += "&tag=" + percentEncode(tag) }
        let exchange = try client.open("POST", target)
        defer { exchange.connection.close() }
        guard exchange.status == 200 else {
            let body = try exchange.readBody()
            throw EngineClient.DaemonError(status: exchange.status, message: EngineClient.errorMessage(HTTPResponse(status: exchange.status, body: body)))
        }
        let fd: FileDescriptor = toStandardOutput ? .standardOutput : .standardError
        var display = Display(terminal: Terminal(context: context, fd: fd).isTTY, fd: fd, kernel: context.kernel)
        var pending: [UInt8] = []
        let chunked = exchange.headers.isChunked
        while true {
            let chunk = chunked ? try HTTPCodec.readChunk(from: exchange.connection) : try exchange.readBody()
            guard let chunk, !chunk.isEmpty else { break }
            pending += chunk
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = Array(pending[..<newline])
                pending.removeFirst(newline + 1)
                guard let message = try? JSONCoding.decode(JSONMessage.self, from: line) else { continue }
                if let error = message.error ?? message.errorDetail?.message {
                    throw EngineClient.DaemonError(status: 200, message: error)
                }
                if !quiet { display.show(message) }
            }
            if !chunked { break }
        }
    }

    /// The lines shown so far; on a terminal a layer's line is rewritten where it stands.
    struct Display {
        let terminal: Bool
        let fd: FileDescriptor
        let kernel: Kernel
        var lines: [String] = []

        mutating func show(_ message: JSONMessage) {
            guard let status = message.status else { return }
            if !terminal {
                guard message.progressDetail?.total == nil else { return }
                write((message.id.map { "\($0): " } ?? "") + status + "\n")
                return
            }
            guard let id = message.id, let index = lines.firstIndex(of: id) else {
                if let id = message.id { lines.append(id) }
                write((message.id.map { "\($0): " } ?? "") + status + "\n")
                return
            }
            let up = lines.count - index
            write("\u{1B}[\(up)A\r\u{1B}[2K\(id): \(status)\r\u{1B}[\(up)B")
        }

        func write(_ text: String) {
            try? kernel.writeAll(fd, text)
        }
    }
}

import KernelInterface
import SimKernel
import Testing
import Trace
@testable import Wire

/// Runs `body` as pid 1 of a fresh simulated machine, where sockets and pipes are real enough
/// to carry the codecs' bytes.
func onSimulatedMachine(_ body: @escaping @Sendable (Kernel) throws -> Void) throws {
    final class Box: @unchecked Sendable { var error: (any Error)? }
    let box = Box()
    let machine = SimMachine(.init(seed: 5))
    machine.installExecutable("/bin/body", program: Program(name: "body", participant: nil) { context in
        do { try body(context.kernel) } catch { box.error = error; return 1 }
        return 0
    })
    let status = try machine.boot(path: "/bin/body", arguments: ["body"], environment: [])
    if let error = box.error { throw error }
    #expect(status == .exited(0))
}

/// A connection whose peer has written `bytes` and closed its end.
func connection(carrying bytes: [UInt8], kernel: Kernel) throws -> Connection {
    let (read, write) = try kernel.pipe(closeOnExec: true)
    try kernel.writeAll(write, bytes)
    try kernel.close(write)
    return Connection(kernel: kernel, fd: read)
}

@Suite("HTTP/1.1 codec")
struct HTTPCodecTests {
    @Test("a request with a body round-trips, headers looked up case-insensitively")
    func requestRoundTrip() throws {
        try onSimulatedMachine { kernel in
            let request = HTTPRequest(method: "POST", target: "/v1.41/containers/create?name=web%201",
                                      headers: HTTPHeaders([("Host", "api.moby.localhost"), ("Content-Type", "application/json")]),
                                      body: Array("{\"Image\":\"busybox\"}".utf8))
            let parsed = try HTTPCodec.readRequest(from: connection(carrying: HTTPCodec.serialize(request), kernel: kernel))
            guard let parsed else { throw WireError.truncated("no request") }
            #expect(parsed.method == "POST")
            #expect(parsed.path == "/v1.41/containers/create")
            #expect(parsed.queryValue("name") == "web 1")
            #expect(parsed.headers["content-length"] == "19")
            #expect(parsed.body == request.body)
        }
    }

    @Test("a body over 64 MiB is refused unless the caller allows its size (a registry blob); framing-less bodies too")
    func bodyLimits() throws {
        try onSimulatedMachine { kernel in
            let size = (64 << 20) + 4096
            let head = HTTPHeaders([("Content-Length", String(size))])
            #expect(throws: WireError.self) {
                try HTTPCodec.readBody(headers: head, from: connection(carrying: [], kernel: kernel), isResponse: true)
            }
            #expect(throws: WireError.self) {
                try HTTPCodec.readBody(headers: head, from: connection(carrying: [], kernel: kernel), isResponse: true, limit: size - 1)
            }
            let (read, write) = try kernel.pipe(closeOnExec: true)
            try kernel.spawnThread(name: "writer") { threadKernel in
                let piece = [UInt8](repeating: 0x5A, count: 1 << 20)
                var left = size
                while left > 0 {
                    let count = min(left, piece.count)
                    guard (try? threadKernel.writeAll(write, Array(piece[..<count]))) != nil else { break }
                    left -= count
                }
                try? threadKernel.close(write)
            }
            let body = try HTTPCodec.readBody(headers: head, from: Connection(kernel: kernel, fd: read), isResponse: true, limit: size)
            #expect(body.count == size && body.last == 0x5A)
            let unframed = try connection(carrying: [UInt8](repeating: 1, count: 100), kernel: kernel)
            #expect(throws: WireError.self) { try HTTPCodec.readBody(headers: HTTPHeaders([]), from: unframed, isResponse: true, limit: 99) }
        }
    }

    @Test("a chunked response is reassembled")
    func chunked() throws {
        try onSimulatedMachine { kernel in
            let head = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            let body = HTTPCodec.chunk(Array("{\"StatusCode\":".utf8)) + HTTPCodec.chunk(Array("0}".utf8)) + HTTPCodec.lastChunk
            let response = try HTTPCodec.readResponse(from: connection(carrying: head + body, kernel: kernel))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "{\"StatusCode\":0}")
        }
    }

    @Test("Transfer-Encoding is chunked when its list of codings names chunked, in any case")
    func chunkedCoding() {
        func headers(_ value: String?) -> HTTPHeaders { HTTPHeaders(value.map { [("transfer-encoding", $0)] } ?? []) }
        #expect(headers("chunked").isChunked)
        #expect(headers("gzip, Chunked").isChunked)
        #expect(headers(" CHUNKED ").isChunked)
        #expect(!headers("identity").isChunked)
        #expect(!headers("chunkedx").isChunked)
        #expect(!headers(nil).isChunked)
    }

    @Test("malformed requests are errors, never crashes")
    func malformed() throws {
        try onSimulatedMachine { kernel in
            let cases = [
                "GARBAGE\r\n\r\n", "GET /x HTTP/1.1\r\nNoColon\r\n\r\n", "POST /x HTTP/1.1\r\nContent-Length: -4\r\n\r\n",
                "POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc", "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            ]
            for text in cases {
                do {
                    _ = try HTTPCodec.readRequest(from: connection(carrying: Array(text.utf8), kernel: kernel))
                    Issue.record("accepted: \(text.debugDescription)")
                } catch is WireError {
                }
            }
        }
    }

    @Test("a clean close before a request is the end, not an error")
    func cleanClose() throws {
        try onSimulatedMachine { kernel in
            let request = try HTTPCodec.readRequest(from: connection(carrying: [], kernel: kernel))
            #expect(request == nil)
        }
    }
}

@Suite("Attach stream frames and RPC frames")
struct FrameTests {
    @Test("multiplexed attach frames keep stdout and stderr apart")
    func streamFrames() throws {
        try onSimulatedMachine { kernel in
            let bytes = StreamFrame.encode(.stdout, Array("out\n".utf8)) + StreamFrame.encode(.stderr, Array("err\n".utf8))
            let connection = try connection(carrying: bytes, kernel: kernel)
            let first = try StreamFrame.read(from: connection)
            let second = try StreamFrame.read(from: connection)
            #expect(first?.0 == .stdout && first?.1 == Array("out\n".utf8))
            #expect(second?.0 == .stderr && second?.1 == Array("err\n".utf8))
            let end = try StreamFrame.read(from: connection)
            #expect(end == nil)
        }
    }

    @Test("an RPC frame round-trips and an oversized one is refused")
    func rpcFrames() throws {
        try onSimulatedMachine { kernel in
            let frame = RPCFrame(streamID: 3, kind: .request, payload: Array("{}".utf8))
            let back = try RPCFrame.read(from: connection(carrying: frame.encoded, kernel: kernel))
            #expect(back == frame)
            let huge: [UInt8] = [0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1, 1, 0]
            #expect(throws: WireError.self) { try RPCFrame.read(from: connection(carrying: huge, kernel: kernel)) }
        }
    }
}

@Suite("Percent-encoding and timestamps")
struct EncodingTests {
    @Test("percent-decoding undoes percent-encoding")
    func percent() {
        for text in ["hello-world", "a b/c?d=e&f", "ünïcode"] {
            #expect(percentDecode(percentEncode(text)) == text)
        }
        #expect(percentDecode("bad%zzescape") == "bad%zzescape")
    }

    @Test("RFC 3339 and HTTP dates are Go's and Docker's")
    func dates() {
        #expect(Timestamp.rfc3339(nanoseconds: 1_767_225_600_000_000_000) == "2026-01-01T00:00:00Z")
        #expect(Timestamp.rfc3339(nanoseconds: 1_795_372_353_110_334_319) == "2026-11-22T18:32:33.110334319Z")
        #expect(Timestamp.httpDate(nanoseconds: 1_795_371_380_000_000_000) == "Sun, 22 Nov 2026 18:16:20 GMT")
    }
}

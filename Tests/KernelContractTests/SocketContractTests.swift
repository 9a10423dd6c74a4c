import KernelInterface
import Testing

@Suite("Kernel contract: sockets")
struct SocketContractTests {
    @Test("UNIX stream sockets connect, exchange bytes and pass descriptors", arguments: contractBackends)
    func unixSockets(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try checkErrno(.ENOENT) {
                let fd = try kernel.socket(.unix, .stream, closeOnExec: true)
                defer { try? kernel.close(fd) }
                try kernel.connect(fd, .unix("/run/nothing.sock"))
            }
            let server = try kernel.socket(.unix, .stream, closeOnExec: true)
            try kernel.bind(server, .unix("/run/test.sock"))
            try check(try kernel.stat("/run/test.sock").kind == .socket, "socket file")
            let other = try kernel.socket(.unix, .stream, closeOnExec: true)
            try checkErrno(.EADDRINUSE) { try kernel.bind(other, .unix("/run/test.sock")) }
            try checkErrno(.ECONNREFUSED) { try kernel.connect(other, .unix("/run/test.sock")) }
            try kernel.close(other)
            try kernel.listen(server, backlog: 4)
            try kernel.spawnThread(name: "client") { threadKernel in
                do {
                    let client = try threadKernel.socket(.unix, .stream, closeOnExec: true)
                    try threadKernel.connect(client, .unix("/run/test.sock"))
                    let (readEnd, writeEnd) = try threadKernel.pipe(closeOnExec: true)
                    try threadKernel.writeAll(writeEnd, "via passed fd")
                    try threadKernel.close(writeEnd)
                    _ = try threadKernel.sendmsg(client, Array("fd".utf8), fds: [readEnd])
                    try threadKernel.close(readEnd)
                    try threadKernel.writeAll(client, "bye")
                    try threadKernel.shutdown(client, .write)
                    _ = try threadKernel.read(client, count: 1)
                    try threadKernel.close(client)
                } catch {}
            }
            let connection = try kernel.accept(server, closeOnExec: true)
            let (bytes, fds) = try kernel.recvmsg(connection, count: 64)
            try check(bytes == Array("fd".utf8) && fds.count == 1, "message with one descriptor: \(bytes) \(fds)")
            try check(String(decoding: try kernel.readAll(fds[0]), as: UTF8.self) == "via passed fd", "passed pipe")
            try check(String(decoding: try kernel.readAll(connection), as: UTF8.self) == "bye", "rest then EOF")
            try kernel.close(fds[0])
            try kernel.close(connection)
            try kernel.close(server)
            try kernel.unlink("/run/test.sock")
        }
    }

    @Test("socketpair is a connected pair", arguments: contractBackends)
    func socketPair(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let (a, b) = try kernel.socketpair(.stream, closeOnExec: true)
            try kernel.writeAll(a, "ping")
            try check(try kernel.read(b, count: 16) == Array("ping".utf8), "a to b")
            try kernel.close(a)
            try check(try kernel.read(b, count: 16).isEmpty, "EOF after close")
            try kernel.ignoreSignal(.SIGPIPE, true)
            try checkErrno(.EPIPE) { try kernel.write(b, [1]) }
            try kernel.close(b)
        }
    }

    @Test("TCP on the loopback picks an ephemeral port and carries data", arguments: contractBackends)
    func tcpLoopback(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let server = try kernel.socket(.inet, .stream, closeOnExec: true)
            try kernel.bind(server, .inet(host: SocketAddress.loopback, port: 0))
            try kernel.listen(server, backlog: 8)
            guard case let .inet(_, port) = try kernel.getsockname(server), port != 0 else { throw TestFailure("no port") }
            let refused = try kernel.socket(.inet, .stream, closeOnExec: true)
            try checkErrno(.ECONNREFUSED) { try kernel.connect(refused, .inet(host: SocketAddress.loopback, port: port &+ 1)) }
            try kernel.close(refused)
            try kernel.spawnThread(name: "client") { threadKernel in
                guard let client = try? threadKernel.socket(.inet, .stream, closeOnExec: true) else { return }
                try? threadKernel.connect(client, .inet(host: SocketAddress.loopback, port: port))
                try? threadKernel.writeAll(client, "GET / HTTP/1.1\r\n\r\n")
                try? threadKernel.close(client)
            }
            let ready = try kernel.pollReadable([server], timeoutNanoseconds: nil)
            try check(ready == [server], "pending connection is readable")
            let connection = try kernel.accept(server, closeOnExec: true)
            try check(String(decoding: try kernel.readAll(connection), as: UTF8.self) == "GET / HTTP/1.1\r\n\r\n", "request")
            try kernel.close(connection)
            try kernel.close(server)
        }
    }
}

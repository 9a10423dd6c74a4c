import KernelInterface
import LinuxKernel
import SimKernel
import Testing

/// Real-time mode (`glassbox sim serve`): the clock follows the host, an idle machine sleeps
/// instead of reporting a deadlock, and host threads reach sockets inside through
/// `connectFromHost`.
@Suite("SimKernel in real time: host clock, idle sleep, connections from the host")
struct RealTimeMachineTests {
    @Test("a host connection reaches a server inside; half-close and the answer pass both ways")
    func echoFromHost() throws {
        let rig = try RealTimeRig(program: RealTimeRig.echoServer)
        defer { _ = rig.stop() }
        let endpoint = try rig.connect()
        try endpoint.send(Array("hello ".utf8))
        try endpoint.send(Array("machine".utf8))
        endpoint.shutdown(.write)
        #expect(RealTimeRig.readAll(endpoint) == "HELLO MACHINE")
        #expect(throws: Errno.EPIPE) { try endpoint.send(Array("late".utf8)) }
        endpoint.close()
    }

    @Test("several connections at once; closing one mid-request leaves the others served")
    func manyConnections() throws {
        let rig = try RealTimeRig(program: RealTimeRig.echoServer)
        defer { _ = rig.stop() }
        let endpoints = try (0..<4).map { _ in try rig.connect() }
        for (index, endpoint) in endpoints.enumerated() { try endpoint.send(Array("client \(index)".utf8)) }
        endpoints[1].close()
        for (index, endpoint) in endpoints.enumerated() where index != 1 {
            endpoint.shutdown(.write)
            #expect(RealTimeRig.readAll(endpoint) == "CLIENT \(index)")
            endpoint.close()
        }
        let late = try rig.connect()
        late.shutdown(.write)
        #expect(RealTimeRig.readAll(late) == "")
        late.close()
    }

    @Test("sleeps take real time, the clock reads the host's, an idle machine is no deadlock")
    func hostClock() throws {
        let host = RealTimeRig.host
        let before = host.clockGettime(.realtime)
        let hostStart = host.clockGettime(.monotonic)
        let notes = Notes()
        let rig = try RealTimeRig(program: Program(name: "sleeper", participant: nil) { context in
            let kernel = context.kernel
            let start = kernel.clockGettime(.monotonic)
            try? kernel.nanosleep(200_000_000)
            let slept = kernel.clockGettime(.monotonic) - start
            notes.add("\(kernel.clockGettime(.realtime)) \(slept)")
            // Nothing ready and no timer (a read of a pipe whose writer is this same process):
            // in real time this is idle, not a deadlock.
            if let (readEnd, _) = try? kernel.pipe(closeOnExec: true) { _ = try? kernel.read(readEnd, count: 1) }
            return 0
        })
        let fields = notes.waitForOne().split(separator: " ").compactMap { Int64($0) }
        #expect(host.clockGettime(.monotonic) - hostStart >= 200_000_000)
        #expect(fields.count == 2)
        #expect(fields.first.map { $0 >= before && $0 <= host.clockGettime(.realtime) } == true)
        #expect(fields.last.map { $0 >= 200_000_000 && $0 < 2_000_000_000 } == true)
        try host.nanosleep(50_000_000)
        #expect(rig.stop() == .signaled(.SIGKILL))
    }

    @Test("the machine's end closes the host's connections and refuses new ones")
    func powerOffEndsConnections() throws {
        let rig = try RealTimeRig(program: RealTimeRig.echoServer)
        let endpoint = try rig.connect()
        #expect(rig.stop() == .signaled(.SIGKILL))
        #expect(endpoint.receive(count: 16) == [])
        #expect(throws: Errno.EPIPE) { try endpoint.send([1]) }
        #expect(throws: Errno.ECONNREFUSED) { _ = try rig.machine.connectFromHost(to: RealTimeRig.socketPath) }
        endpoint.close()
    }

    @Test("a connection to a path with no listener fails as connect(2) does")
    func refusedConnections() throws {
        let rig = try RealTimeRig(program: RealTimeRig.echoServer)
        defer { _ = rig.stop() }
        _ = try rig.connect()
        #expect(throws: Errno.ENOENT) { _ = try rig.machine.connectFromHost(to: "/run/nobody.sock") }
        #expect(throws: Errno.ECONNREFUSED) { _ = try rig.machine.connectFromHost(to: "/etc") }
    }
}

/// A real-time machine booted on a host thread with one program as pid 1, powered off at the end.
final class RealTimeRig: @unchecked Sendable {
    static let host = LinuxKernel()
    static let socketPath = "/run/echo.sock"

    let machine: SimMachine
    private let lock = RealTimeRig.host.makeLock()
    private var status: Result<WaitStatus, Error>?

    init(program: Program) throws {
        machine = SimMachine(.init(seed: 7, host: RealTimeRig.host))
        machine.installExecutable("/sbin/init", program: program)
        try RealTimeRig.host.spawnThread(name: "sim-boot") { [self] _ in
            let result = Result { try machine.boot(path: "/sbin/init", arguments: ["init"], environment: []) }
            lock.withLock {
                status = result
                lock.broadcast()
            }
        }
    }

    /// Connects to the echo server, waiting (at most 5 s) until it listens.
    func connect() throws -> HostEndpoint {
        for _ in 0..<500 {
            if let endpoint = try? machine.connectFromHost(to: RealTimeRig.socketPath) { return endpoint }
            try RealTimeRig.host.nanosleep(10_000_000)
        }
        return try machine.connectFromHost(to: RealTimeRig.socketPath)
    }

    /// Powers the machine off and waits for pid 1's status.
    func stop() -> WaitStatus? {
        machine.powerOff()
        let result = lock.withLock {
            while status == nil { lock.waitOnHost() }
            return status
        }
        return try? result?.get()
    }

    static func readAll(_ endpoint: HostEndpoint) -> String {
        var bytes: [UInt8] = []
        while true {
            let chunk = endpoint.receive(count: 3)
            if chunk.isEmpty { return String(decoding: bytes, as: UTF8.self) }
            bytes += chunk
        }
    }

    /// pid 1: listens on /run/echo.sock; per connection a thread reads to end of file, then
    /// writes back what it read in upper case and closes.
    static let echoServer = Program(name: "echo-server", participant: nil) { context in
        let kernel = context.kernel
        do {
            let listener = try kernel.socket(.unix, .stream, closeOnExec: true)
            try kernel.bind(listener, .unix(socketPath))
            try kernel.listen(listener, backlog: 16)
            while true {
                let connection = try kernel.accept(listener, closeOnExec: true)
                try kernel.spawnThread(name: "echo") { kernel in
                    var text: [UInt8] = []
                    while let chunk = try? kernel.read(connection, count: 5), !chunk.isEmpty { text += chunk }
                    try? kernel.writeAll(connection, String(decoding: text, as: UTF8.self).uppercased())
                    try? kernel.close(connection)
                }
            }
        } catch {
            return 1
        }
    }
}

/// Lines a program inside notes for the test outside, with a wait for the first.
final class Notes: @unchecked Sendable {
    private let lock = RealTimeRig.host.makeLock()
    private var lines: [String] = []

    func add(_ line: String) {
        lock.withLock {
            lines.append(line)
            lock.broadcast()
        }
    }

    func waitForOne() -> String {
        lock.withLock {
            while lines.isEmpty { lock.waitOnHost() }
            return lines[0]
        }
    }
}

import KernelInterface
import SimKernel

/// The host half of `glassbox sim serve`: a real UNIX socket whose connections are copied, byte
/// for byte, into connections to dockerd's socket inside the simulated machine.
///
///     docker CLI ──connect──▶ /tmp/gb.sock (host)      accept loop (one host thread)
///        │                         │ per connection: connectFromHost("/run/glassbox.sock")
///        ├── request bytes ──▶ host read  ─▶ endpoint.send      (thread "to-machine")
///        └── answer bytes  ◀── host write ◀─ endpoint.receive   (thread "from-machine")
///
/// Each direction ends on its own, as a TCP proxy's (socat's) halves do: end of file from the
/// client becomes shutdown(SHUT_WR) inside, and the daemon's end of stream becomes shutdown
/// (SHUT_WR) on the host socket, so half-closes and hijacked streams (`attach`, which `docker
/// run` without `-d` uses) pass unchanged. The connection is closed once both halves are done.
final class HostSocketBridge: @unchecked Sendable {
    let host: Kernel
    let machine: SimMachine
    let listener: FileDescriptor
    /// The socket inside the machine every connection goes to.
    let target: String

    init(host: Kernel, machine: SimMachine, listener: FileDescriptor, target: String) {
        self.host = host
        self.machine = machine
        self.listener = listener
        self.target = target
    }

    /// Accepts until the listening socket is shut down; each connection gets its own threads,
    /// so a client that stalls or disconnects mid-request disturbs no other.
    func acceptLoop() {
        while true {
            let connection: FileDescriptor
            do {
                connection = try host.accept(listener, closeOnExec: true)
            } catch Errno.EINVAL, Errno.EBADF {
                return
            } catch {
                // EMFILE, ENOBUFS, ECONNABORTED: the listener is fine; give the host a moment.
                try? host.nanosleep(10_000_000)
                continue
            }
            do {
                try host.spawnThread(name: "gb-to-machine") { [self] _ in serve(connection) }
            } catch {
                try? host.close(connection)
            }
        }
    }

    /// Copies one connection both ways until both directions have ended.
    func serve(_ connection: FileDescriptor) {
        let endpoint: HostEndpoint
        do {
            endpoint = try machine.connectFromHost(to: target)
        } catch {
            try? host.close(connection)
            return
        }
        let halves = HalvesDone(lock: host.makeLock())
        let finish: @Sendable () -> Void = { [host] in
            guard halves.oneEnded() else { return }
            endpoint.close()
            try? host.close(connection)
        }
        do {
            try host.spawnThread(name: "gb-from-machine") { [self] _ in
                copyFromMachine(endpoint, to: connection)
                finish()
            }
        } catch {
            endpoint.close()
            try? host.close(connection)
            return
        }
        copyToMachine(from: connection, endpoint)
        finish()
    }

    /// Client → dockerd. End of file (or an error) from the client is a half-close inside.
    func copyToMachine(from connection: FileDescriptor, _ endpoint: HostEndpoint) {
        while true {
            guard let bytes = try? host.read(connection, count: 65_536), !bytes.isEmpty else {
                endpoint.shutdown(.write)
                return
            }
            guard (try? endpoint.send(bytes)) != nil else { return }
        }
    }

    /// dockerd → client. The daemon's end of stream is a half-close on the host socket; a
    /// client gone away stops the copy and tells the daemon's side nothing more is read.
    func copyFromMachine(_ endpoint: HostEndpoint, to connection: FileDescriptor) {
        while true {
            let bytes = endpoint.receive(count: 65_536)
            if bytes.isEmpty {
                try? host.shutdown(connection, .write)
                return
            }
            guard (try? host.writeAll(connection, bytes)) != nil else {
                endpoint.shutdown(.read)
                return
            }
        }
    }
}

/// Counts the two halves of a bridged connection; the second to end closes it.
private final class HalvesDone: @unchecked Sendable {
    let lock: KernelLock
    var ended = 0
    init(lock: KernelLock) { self.lock = lock }

    /// True for the second half to end.
    func oneEnded() -> Bool {
        lock.withLock {
            ended += 1
            return ended == 2
        }
    }
}

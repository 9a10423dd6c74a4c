import KernelInterface

/// Connections from host threads to UNIX sockets inside a real-time machine: how `glassbox sim
/// serve` puts the real docker CLI in front of the simulated dockerd.
extension SimMachine {
    /// connect(2) from outside the machine to the UNIX socket at `path` (resolved in the root
    /// mount namespace, as pid 1 sees it). Waits until the machine has queued the connection on
    /// the listener; ENOENT, ECONNREFUSED as connect(2) gives them, ECONNREFUSED too once the
    /// machine has ended. Call it from a host thread, never from a simulated one.
    public func connectFromHost(to path: String) throws -> HostEndpoint {
        guard let outside else { preconditionFailure("SimMachine.connectFromHost: only a real-time machine (Configuration.host) is reached from outside") }
        let endpoint = HostEndpoint(machine: self, lock: outside.host.makeLock())
        guard outside.register(endpoint) else { throw Errno.ECONNREFUSED }
        outside.post { machine in endpoint.connected(machine.queueHostConnection(endpoint, to: path)) }
        do {
            try endpoint.waitForConnection()
        } catch {
            outside.unregister(endpoint)
            throw error
        }
        return endpoint
    }

    /// The inside half of `connectFromHost`: a connected pair whose client end belongs to the
    /// endpoint, the server end queued for accept(2), as a UNIX stream connect does.
    func queueHostConnection(_ endpoint: HostEndpoint, to path: String) -> Result<Void, Errno> {
        guard let initProcess, !initProcess.hasExited else { return .failure(.ECONNREFUSED) }
        let location: Location
        do {
            location = try resolve(path, for: initProcess)
        } catch let error as Errno {
            return .failure(error)
        } catch {
            return .failure(.ECONNREFUSED)
        }
        guard location.inode.kind == .socket, let listener = location.inode.socket,
              listener.state == .listening, listener.type == .stream else { return .failure(.ECONNREFUSED) }
        let client = Socket(domain: .unix, type: .stream, inode: anonymousFilesystem.makeInode(.socket, permissions: 0o777),
                            network: listener.network)
        let server = Socket(domain: .unix, type: .stream, inode: anonymousFilesystem.makeInode(.socket, permissions: 0o777),
                            network: listener.network)
        server.address = listener.address
        client.hostEndpoint = endpoint
        Socket.connect(client, server)
        listener.pending.append(server)
        endpoint.socket = client
        return .success(())
    }

    /// Bytes a host thread sent: queued on the peer as a write(2) would queue them.
    func deliverFromHost(_ bytes: [UInt8], to endpoint: HostEndpoint) {
        guard let socket = endpoint.socket, socket.state == .connected, !socket.writeShutdown,
              !socket.peerGone, let peer = socket.peer else {
            endpoint.failSending(.EPIPE)
            return
        }
        peer.receiveQueue.append(Socket.Segment(bytes: bytes, files: []))
    }

    /// shutdown(2) from the host, as the machine's own shutdown does it.
    func shutdownFromHost(_ endpoint: HostEndpoint, _ how: ShutdownHow) {
        guard let socket = endpoint.socket, socket.state == .connected else { return }
        if how != .write { socket.readShutdown = true }
        if how != .read {
            socket.writeShutdown = true
            socket.peer?.peerFinished = true
        }
    }
}

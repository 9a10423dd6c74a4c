import KernelInterface

/// A socket: UNIX (stream or datagram) or TCP on a network namespace's loopback. Connected
/// sockets come in pairs; each side's receive queue holds segments, each with the descriptions
/// passed along with it by SCM_RIGHTS (held in flight until received).
///
/// Simplified: a send never blocks (the receive queue is unbounded), and connect(2) completes
/// as soon as the connection is queued for accept, as a UNIX stream connect does.
final class Socket {
    enum State {
        case fresh
        case listening
        case connected
        case closed
    }

    struct Segment {
        var bytes: [UInt8]
        var files: [OpenFile]
    }

    let domain: SocketDomain
    let type: SocketType
    let inode: Inode
    let network: NetworkNamespace
    var state: State = .fresh
    var address: SocketAddress?
    var boundInode: Inode?
    var peer: Socket?
    var receiveQueue: [Segment] = []
    var pending: [Socket] = []
    var backlog = 0
    /// The peer will send no more: reads return end of file once the queue is drained.
    var peerFinished = false {
        didSet { if peerFinished { hostEndpoint?.finishReceiving() } }
    }
    /// The peer is gone: writes fail with EPIPE.
    var peerGone = false
    var readShutdown = false
    var writeShutdown = false
    /// Set on the inside end of a connection made from the host (`connectFromHost`): what the
    /// peer sends goes straight to the host's buffer instead of this socket's queue.
    var hostEndpoint: HostEndpoint?

    init(domain: SocketDomain, type: SocketType, inode: Inode, network: NetworkNamespace) {
        self.domain = domain
        self.type = type
        self.inode = inode
        self.network = network
    }

    var queuedBytes: Int { receiveQueue.reduce(0) { $0 + $1.bytes.count } }

    /// Readable for poll(2): data, end of file, or a connection waiting for accept(2).
    var isReadable: Bool {
        switch state {
        case .listening: return !pending.isEmpty
        case .connected: return !receiveQueue.isEmpty || peerFinished || readShutdown
        case .closed: return true
        case .fresh: return false
        }
    }

    /// Joins two sockets into a connected pair.
    static func connect(_ a: Socket, _ b: Socket) {
        a.peer = b
        b.peer = a
        a.state = .connected
        b.state = .connected
    }

    /// Takes up to `count` bytes: a whole datagram, or stream bytes up to the next segment that
    /// carries descriptors (recvmsg(2) does not merge across them).
    func take(_ count: Int) -> ([UInt8], [OpenFile]) {
        if type == .datagram {
            let segment = receiveQueue.removeFirst()
            return (Array(segment.bytes.prefix(count)), segment.files)
        }
        var bytes: [UInt8] = []
        var files: [OpenFile] = []
        while bytes.count < count, !receiveQueue.isEmpty {
            if !receiveQueue[0].files.isEmpty && !bytes.isEmpty { break }
            let wanted = count - bytes.count
            let segment = receiveQueue[0]
            files += segment.files
            receiveQueue[0].files = []
            if segment.bytes.count <= wanted {
                bytes += segment.bytes
                receiveQueue.removeFirst()
            } else {
                bytes += segment.bytes.prefix(wanted)
                receiveQueue[0].bytes = Array(segment.bytes.dropFirst(wanted))
            }
            if !files.isEmpty { break }
        }
        return (bytes, files)
    }

    /// The socket's last description closed: the peer sees end of file and EPIPE, queued
    /// connections and descriptions in flight are dropped, the port or path is freed.
    func close() {
        let wasListening = state == .listening
        state = .closed
        if let peer {
            peer.peerFinished = true
            peer.peerGone = true
            peer.peer = nil
        }
        peer = nil
        for segment in receiveQueue { segment.files.forEach { $0.release() } }
        receiveQueue = []
        for connection in pending { connection.close() }
        pending = []
        if case let .inet(_, port) = address {
            if wasListening, network.listeners[port] === self { network.listeners[port] = nil }
            network.boundPorts.remove(port)
        }
        if boundInode?.socket === self { boundInode?.socket = nil }
        if case let .unix(path) = address, network.abstractSockets[path] === self { network.abstractSockets[path] = nil }
    }
}

extension SimMachine {
    func makeSocketFile(_ domain: SocketDomain, _ type: SocketType, network: NetworkNamespace) -> OpenFile {
        let socket = Socket(domain: domain, type: type, inode: anonymousFilesystem.makeInode(.socket, permissions: 0o777), network: network)
        return OpenFile(.socket(socket), flags: .readWrite, location: nil) { _ in socket.close() }
    }

    /// Queues bytes (and descriptions) on the peer; EPIPE and SIGPIPE when the peer is gone or
    /// this side shut down writing.
    func send(_ socket: Socket, _ bytes: [UInt8], files: [OpenFile], thread: SimThread) throws -> Int {
        guard socket.state == .connected || socket.state == .closed else { throw Errno.ENOTCONN }
        guard !socket.writeShutdown, !socket.peerGone, let peer = socket.peer else {
            try raiseBrokenPipe(thread)
            throw Errno.EPIPE
        }
        if bytes.isEmpty, files.isEmpty, socket.type == .stream { return 0 }
        if let endpoint = peer.hostEndpoint {
            // A host process has no descriptor table here: descriptors sent to it are dropped,
            // as SCM_RIGHTS to a peer that does not ask for them are discarded.
            if !peer.readShutdown { endpoint.deliver(bytes) }
            return bytes.count
        }
        files.forEach { $0.retain() }
        peer.receiveQueue.append(Socket.Segment(bytes: bytes, files: files))
        return bytes.count
    }

    /// Takes queued bytes, waiting while none are queued and the peer may still send.
    func receive(_ socket: Socket, _ file: OpenFile, count: Int, thread: SimThread) throws -> ([UInt8], [OpenFile]) {
        guard socket.state == .connected || socket.state == .closed else { throw Errno.ENOTCONN }
        while socket.receiveQueue.isEmpty {
            if socket.peerFinished || socket.readShutdown || socket.state == .closed { return ([], []) }
            if file.flags.contains(.nonBlocking) { throw Errno.EAGAIN }
            try block(thread, "read on socket:[\(socket.inode.number)]") { socket.isReadable }
        }
        return socket.take(count)
    }
}

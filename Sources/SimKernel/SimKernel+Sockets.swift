import KernelInterface

/// socket(2) and friends: UNIX stream/datagram sockets bound to socket files, socketpair(2),
/// SCM_RIGHTS, and TCP on the loopback of the caller's network namespace.
extension SimKernel {
    /// socket(2): AF_UNIX stream or datagram, AF_INET stream (EPROTOTYPE otherwise).
    public func socket(_ domain: SocketDomain, _ type: SocketType, closeOnExec: Bool) throws -> FileDescriptor {
        try call { _ in
            if domain == .inet, type != .stream { throw Errno.EPROTOTYPE }
            return try machine.install(machine.makeSocketFile(domain, type, network: process.network), in: process, closeOnExec: closeOnExec)
        }
    }

    /// socketpair(2): two connected AF_UNIX sockets.
    public func socketpair(_ type: SocketType, closeOnExec: Bool) throws -> (FileDescriptor, FileDescriptor) {
        try call { _ in
            let a = machine.makeSocketFile(.unix, type, network: process.network)
            let b = machine.makeSocketFile(.unix, type, network: process.network)
            guard case let .socket(left) = a.object, case let .socket(right) = b.object else {
                preconditionFailure("SimKernel: makeSocketFile made something else")
            }
            Socket.connect(left, right)
            let first = try machine.install(a, in: process, closeOnExec: closeOnExec)
            do {
                return (first, try machine.install(b, in: process, closeOnExec: closeOnExec))
            } catch {
                try? process.files.close(first)
                throw error
            }
        }
    }

    /// bind(2): a UNIX path becomes a socket file (EADDRINUSE when the path exists), a path
    /// starting with NUL names the network namespace's abstract socket; a TCP port 0 takes the
    /// next ephemeral port of the namespace.
    public func bind(_ fd: FileDescriptor, _ address: SocketAddress) throws {
        try call { _ in
            let socket = try socketOf(fd)
            guard socket.address == nil, socket.state == .fresh else { throw Errno.EINVAL }
            guard address.domain == socket.domain else { throw Errno.EINVAL }
            switch address {
            case let .unix(path) where path.hasPrefix("\u{0}"):
                if socket.network.abstractSockets[path] != nil { throw Errno.EADDRINUSE }
                socket.network.abstractSockets[path] = socket
                socket.address = address
            case let .unix(path):
                let (directory, name) = try machine.resolveParent(path, for: process)
                if machine.lookupChild(directory, name, for: process) != nil { throw Errno.EADDRINUSE }
                try machine.checkWritable(directory, for: process)
                let inode = machine.makeInode(.socket, permissions: 0o777 & ~process.credentials.umask, in: directory, for: process)
                inode.socket = socket
                try machine.addEntry(inode, named: name, to: directory, for: process)
                socket.boundInode = inode
                socket.address = address
            case let .inet(host, port):
                guard host == SocketAddress.loopback || host == (0, 0, 0, 0) else { throw Errno.EADDRNOTAVAIL }
                let network = socket.network
                let chosen = port == 0 ? network.ephemeralPort() : port
                if network.boundPorts.contains(chosen) { throw Errno.EADDRINUSE }
                network.boundPorts.insert(chosen)
                socket.address = .inet(host: host, port: chosen)
            }
        }
    }

    /// listen(2): EINVAL unless bound; EOPNOTSUPP for a datagram socket.
    public func listen(_ fd: FileDescriptor, backlog: Int32) throws {
        try call { _ in
            let socket = try socketOf(fd)
            guard socket.type == .stream else { throw Errno.EOPNOTSUPP }
            guard socket.state == .fresh || socket.state == .listening, let address = socket.address else { throw Errno.EINVAL }
            socket.state = .listening
            socket.backlog = Int(max(1, backlog))
            if case let .inet(_, port) = address { socket.network.listeners[port] = socket }
        }
    }

    /// accept4(2): waits for a queued connection (EAGAIN when non-blocking).
    public func accept(_ fd: FileDescriptor, closeOnExec: Bool) throws -> FileDescriptor {
        try call { thread in
            let file = try file(fd)
            let socket = try socketOf(fd)
            guard socket.state == .listening else { throw Errno.EINVAL }
            while socket.pending.isEmpty {
                if file.flags.contains(.nonBlocking) { throw Errno.EAGAIN }
                try machine.block(thread, "accept on socket:[\(socket.inode.number)]") {
                    !socket.pending.isEmpty || socket.state != .listening
                }
                guard socket.state == .listening else { throw Errno.EINVAL }
            }
            let connection = socket.pending.removeFirst()
            let accepted = OpenFile(.socket(connection), flags: .readWrite, location: nil) { _ in connection.close() }
            return try machine.install(accepted, in: process, closeOnExec: closeOnExec)
        }
    }

    /// connect(2): ENOENT for a missing UNIX path, ECONNREFUSED when nothing listens.
    public func connect(_ fd: FileDescriptor, _ address: SocketAddress) throws {
        try call { _ in
            let socket = try socketOf(fd)
            guard address.domain == socket.domain else { throw Errno.EAFNOSUPPORT }
            if socket.state == .connected { throw Errno.EISCONN }
            let listener: Socket?
            switch address {
            case let .unix(path) where path.hasPrefix("\u{0}"):
                listener = socket.network.abstractSockets[path]
            case let .unix(path):
                let location = try machine.resolve(path, for: process)
                guard location.inode.kind == .socket else { throw Errno.ECONNREFUSED }
                guard machine.mayAccess(location.inode, 0o2, process.credentials) else { throw Errno.EACCES }
                listener = location.inode.socket
            case let .inet(host, port):
                guard host == SocketAddress.loopback || host == (0, 0, 0, 0) else { throw Errno.ECONNREFUSED }
                listener = socket.network.listeners[port]
                if socket.address == nil {
                    let local = socket.network.ephemeralPort()
                    socket.network.boundPorts.insert(local)
                    socket.address = .inet(host: SocketAddress.loopback, port: local)
                }
            }
            guard let listener, listener.state == .listening, listener.type == socket.type else { throw Errno.ECONNREFUSED }
            let server = Socket(domain: socket.domain, type: socket.type,
                                inode: machine.anonymousFilesystem.makeInode(.socket, permissions: 0o777), network: listener.network)
            server.address = listener.address
            Socket.connect(socket, server)
            listener.pending.append(server)
        }
    }

    /// shutdown(2): the peer reads end of file after SHUT_WR; reads return end of file after SHUT_RD.
    public func shutdown(_ fd: FileDescriptor, _ how: ShutdownHow) throws {
        try call { _ in
            let socket = try socketOf(fd)
            guard socket.state == .connected else { throw Errno.ENOTCONN }
            if how != .write { socket.readShutdown = true }
            if how != .read {
                socket.writeShutdown = true
                socket.peer?.peerFinished = true
            }
        }
    }

    /// sendmsg(2) with SCM_RIGHTS: the descriptions travel with the bytes.
    public func sendmsg(_ fd: FileDescriptor, _ bytes: [UInt8], fds: [FileDescriptor]) throws -> Int {
        try call { thread in
            let socket = try socketOf(fd)
            let files = try fds.map { try file($0) }
            return try machine.send(socket, bytes, files: files, thread: thread)
        }
    }

    /// recvmsg(2): received descriptors are installed close-on-exec (MSG_CMSG_CLOEXEC).
    public func recvmsg(_ fd: FileDescriptor, count: Int) throws -> (bytes: [UInt8], fds: [FileDescriptor]) {
        try call { thread in
            let file = try file(fd)
            let socket = try socketOf(fd)
            let (bytes, files) = try machine.receive(socket, file, count: count, thread: thread)
            var installed: [FileDescriptor] = []
            for passed in files {
                if let fd = try? process.files.install(passed, closeOnExec: true) { installed.append(fd) }
                passed.release()
            }
            return (bytes, installed)
        }
    }

    /// getsockname(2): the bound path or address (a TCP client gets its ephemeral port at connect).
    public func getsockname(_ fd: FileDescriptor) throws -> SocketAddress {
        try call { _ in
            let socket = try socketOf(fd)
            if let address = socket.address { return address }
            return socket.domain == .unix ? .unix("") : .inet(host: (0, 0, 0, 0), port: 0)
        }
    }

    private func socketOf(_ fd: FileDescriptor) throws -> Socket {
        guard case let .socket(socket) = try file(fd).object else { throw Errno.ENOTSOCK }
        return socket
    }
}

import CLinux
import Glibc
import KernelInterface

/// sendmsg(2) and recvmsg(2) with descriptors passed as `SCM_RIGHTS` ancillary data (unix(7)),
/// as containerd's shim hands a console socket's pty master to its caller.
extension LinuxKernel {
    /// The most descriptors one message carries (the kernel's `SCM_MAX_FD`).
    static let maximumPassedDescriptors = 253

    /// The corresponding C function is `sendmsg(2)`.
    public func sendmsg(_ fd: FileDescriptor, _ bytes: [UInt8], fds: [FileDescriptor]) throws -> Int {
        precondition(fds.count <= Self.maximumPassedDescriptors, "sendmsg: more than SCM_MAX_FD descriptors")
        var data = bytes
        let payload = fds.count * MemoryLayout<Int32>.size
        // Words, not bytes, so that the control buffer has cmsghdr's alignment.
        var control = [UInt64](repeating: 0, count: fds.isEmpty ? 0 : (Int(gb_cmsg_space(UInt(payload))) + 7) / 8)
        return try data.withUnsafeMutableBytes { data in
            try control.withUnsafeMutableBytes { control in
                var vector = iovec(iov_base: data.baseAddress, iov_len: data.count)
                return try withUnsafeMutablePointer(to: &vector) { vector in
                    var message = msghdr()
                    message.msg_iov = vector
                    message.msg_iovlen = 1
                    if !fds.isEmpty {
                        message.msg_control = control.baseAddress
                        message.msg_controllen = Int(gb_cmsg_space(UInt(payload)))
                        Self.writeRights(fds, into: &message, payload: payload)
                    }
                    return try retrying("sendmsg") { Glibc.sendmsg(fd.rawValue, &message, 0) }
                }
            }
        }
    }

    /// The corresponding C function is `recvmsg(2)` with `MSG_CMSG_CLOEXEC`, so received
    /// descriptors are close-on-exec from the moment they exist.
    public func recvmsg(_ fd: FileDescriptor, count: Int) throws -> (bytes: [UInt8], fds: [FileDescriptor]) {
        precondition(count >= 0, "recvmsg: a negative count")
        var buffer = [UInt8](repeating: 0, count: count)
        let space = Int(gb_cmsg_space(UInt(Self.maximumPassedDescriptors * MemoryLayout<Int32>.size)))
        var control = [UInt64](repeating: 0, count: (space + 7) / 8)
        var received: [FileDescriptor] = []
        let length = try buffer.withUnsafeMutableBytes { data in
            try control.withUnsafeMutableBytes { control in
                var vector = iovec(iov_base: data.baseAddress, iov_len: data.count)
                return try withUnsafeMutablePointer(to: &vector) { vector in
                    var message = msghdr()
                    message.msg_iov = vector
                    message.msg_iovlen = 1
                    message.msg_control = control.baseAddress
                    message.msg_controllen = space
                    let length = try retrying("recvmsg") {
                        Glibc.recvmsg(fd.rawValue, &message, Int32(MSG_CMSG_CLOEXEC))
                    }
                    received = Self.readRights(from: &message)
                    return length
                }
            }
        }
        buffer.removeSubrange(length...)
        return (buffer, received)
    }

    /// Fills the message's one control header with `SCM_RIGHTS` and the descriptors.
    private static func writeRights(_ fds: [FileDescriptor], into message: inout msghdr, payload: Int) {
        guard let raw = gb_cmsg_firsthdr(&message) else { preconditionFailure("sendmsg: no room for a control header") }
        let header = raw.assumingMemoryBound(to: cmsghdr.self)
        header.pointee.cmsg_level = SOL_SOCKET
        header.pointee.cmsg_type = Int32(SCM_RIGHTS)
        header.pointee.cmsg_len = Int(gb_cmsg_len(UInt(payload)))
        guard let data = gb_cmsg_data(raw) else { preconditionFailure("sendmsg: a control header without data") }
        for (index, fd) in fds.enumerated() {
            data.storeBytes(of: fd.rawValue, toByteOffset: index * MemoryLayout<Int32>.size, as: Int32.self)
        }
    }

    /// The descriptors of every `SCM_RIGHTS` header the kernel wrote.
    private static func readRights(from message: inout msghdr) -> [FileDescriptor] {
        var fds: [FileDescriptor] = []
        var next = gb_cmsg_firsthdr(&message)
        while let raw = next {
            let header = raw.assumingMemoryBound(to: cmsghdr.self).pointee
            if header.cmsg_level == SOL_SOCKET, header.cmsg_type == Int32(SCM_RIGHTS), let data = gb_cmsg_data(raw) {
                let count = (Int(header.cmsg_len) - Int(gb_cmsg_len(0))) / MemoryLayout<Int32>.size
                for index in 0..<count {
                    fds.append(FileDescriptor(data.load(fromByteOffset: index * MemoryLayout<Int32>.size, as: Int32.self)))
                }
            }
            next = gb_cmsg_nxthdr(&message, raw)
        }
        return fds
    }
}

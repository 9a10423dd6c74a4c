import CLinux
import Glibc
import KernelInterface

/// Namespaces and the names a UTS namespace holds.
extension LinuxKernel {
    /// The corresponding C function is `unshare(2)`.
    public func unshare(_ namespaces: Namespaces) throws {
        _ = try once("unshare") { gb_unshare(namespaces.rawValue) }
    }

    /// The corresponding C function is `setns(2)`.
    public func setns(_ fd: FileDescriptor, _ namespace: Namespaces) throws {
        _ = try once("setns") { gb_setns(fd.rawValue, namespace.rawValue) }
    }

    /// The corresponding C function is `sethostname(2)`.
    public func sethostname(_ name: String) throws {
        let bytes = Array(name.utf8)
        _ = try bytes.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { name in
                try once("sethostname") { gb_sethostname(name.baseAddress, UInt(name.count)) }
            }
        }
    }

    /// The corresponding C function is `uname(2)`.
    public func uname() -> SystemName {
        var name = utsname()
        guard Glibc.uname(&name) == 0 else { preconditionFailure("uname: \(Errno(rawValue: errno).name)") }
        return SystemName(
            sysname: string(fromCArray: name.sysname), nodename: string(fromCArray: name.nodename),
            release: string(fromCArray: name.release), machine: string(fromCArray: name.machine)
        )
    }
}

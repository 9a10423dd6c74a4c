import KernelInterface

/// unshare(2), setns(2), sethostname(2), uname(2).
extension SimKernel {
    /// unshare(2): CAP_SYS_ADMIN (a user namespace alone needs none). CLONE_NEWPID makes a
    /// namespace for the caller's next children only; the first of them becomes its init.
    public func unshare(_ namespaces: Namespaces) throws {
        try call { _ in
            if !namespaces.subtracting(.user).isEmpty { try requireCapability(.sysAdmin) }
            if namespaces.contains(.pid) {
                process.pidNamespaceForChildren = PidNamespace(id: machine.allocateNamespaceID(), parent: process.pidNamespace)
            }
            machine.unshareNamespaces(namespaces.subtracting(.pid), of: process)
        }
    }

    /// setns(2) with a descriptor on `/proc/PID/ns/*`; `namespace` empty accepts any kind,
    /// otherwise it must match (EINVAL).
    public func setns(_ fd: FileDescriptor, _ namespace: Namespaces) throws {
        try call { _ in
            guard case let .namespace(handle) = try file(fd).object else { throw Errno.EINVAL }
            if !namespace.isEmpty, namespace != handle.kind { throw Errno.EINVAL }
            try requireCapability(.sysAdmin)
            machine.join(handle, process: process)
        }
    }

    /// sethostname(2) in the caller's UTS namespace; EINVAL past 64 bytes.
    public func sethostname(_ name: String) throws {
        try call { _ in
            try requireCapability(.sysAdmin)
            guard name.utf8.count <= 64 else { throw Errno.EINVAL }
            process.uts.hostname = name
        }
    }

    /// uname(2): the nodename of the caller's UTS namespace; the release is the simulator's.
    public func uname() -> SystemName {
        query { _ in SystemName(sysname: "Linux", nodename: process.uts.hostname, release: SimMachine.release, machine: "x86_64") }
    }
}

extension SimMachine {
    /// The kernel release the simulated machine reports.
    static let release = "6.1.0-glassbox-sim"
}

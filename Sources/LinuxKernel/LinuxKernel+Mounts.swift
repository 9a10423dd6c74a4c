import CLinux
import Glibc
import KernelInterface

/// The mount table and the root directory.
extension LinuxKernel {
    /// The corresponding C function is `mount(2)`. An empty source, file system type or data
    /// is passed as NULL, as runc's `unix.Mount` does for a bind or a propagation change.
    public func mount(source: String, target: String, fstype: String, flags: MountFlags, data: String) throws {
        _ = try withOptionalCString(source) { source in
            try withOptionalCString(fstype) { fstype in
                try withOptionalCString(data) { data in
                    try once("mount") { gb_mount(source, target, fstype, flags.rawValue, data) }
                }
            }
        }
    }

    /// The corresponding C function is `umount2(2)`.
    public func umount(_ target: String, flags: UnmountFlags) throws {
        _ = try once("umount2") { gb_umount2(target, flags.rawValue) }
    }

    /// The corresponding C function is `pivot_root(2)`.
    public func pivotRoot(_ newRoot: String, _ putOld: String) throws {
        _ = try once("pivot_root") { gb_pivot_root(newRoot, putOld) }
    }

    /// The corresponding C function is `chroot(2)`.
    public func chroot(_ path: String) throws {
        _ = try once("chroot") { Glibc.chroot(path) }
    }
}

/// Calls `body` with `text` as a C string, or with NULL when it is empty.
func withOptionalCString<Result>(_ text: String, _ body: (UnsafePointer<CChar>?) throws -> Result) rethrows -> Result {
    if text.isEmpty { return try body(nil) }
    return try text.withCString { try body($0) }
}

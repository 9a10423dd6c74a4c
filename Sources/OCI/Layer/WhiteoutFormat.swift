import KernelInterface

/// How a layer's whiteouts are written onto the target, as containerd's archive.Apply offers
/// (`WithConvertWhiteout`): in overlayfs's own form for a layer unpacked into its own snapshot
/// directory, or by deleting for a layer applied onto a flattened copy of the layers below.
public enum WhiteoutFormat: Sendable {
    /// overlayfs's form (the kernel's Documentation/filesystems/overlayfs.rst): `.wh.name`
    /// becomes a character device 0/0 named `name`; an opaque directory is (re)created and
    /// `markOpaque(directory, kernel)` records it, since the mark is an xattr
    /// (`trusted.overlay.opaque=y`) that only the caller's filesystem knows how to set.
    case overlay(markOpaque: @Sendable (_ directory: String, _ kernel: Kernel) throws -> Void)
    /// Apply by deleting: `.wh.name` removes `name`; an opaque directory loses every entry
    /// that this layer did not itself put there (Docker's naive diff applier).
    case delete
}

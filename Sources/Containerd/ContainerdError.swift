import Wire

/// An error containerd answers with: its errdefs, shared with the shims.
typealias ContainerdError = ErrdefsError

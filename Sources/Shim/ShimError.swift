import Wire

/// An error the shim answers with: containerd's errdefs, shared with containerd.
typealias ShimError = ErrdefsError

/// The options of containerd's runc shim (runtime/v2/runc/options/oci.proto, message
/// `containerd.runc.v1.Options`), which a runtime's user sends with Tasks/Create and containerd
/// hands to the shim's Task/Create unchanged, both as `CreateTaskRequest.options`:
///
///     dockerd ──Tasks/Create {…, options: {root: /run/glassbox/runtime-runc}}──▶ containerd
///     containerd ──Task/Create {…, options: {root: /run/glassbox/runtime-runc}}──▶ shim
///     shim ──exec runc --root /run/glassbox/runtime-runc/moby create …──▶ runc
///
/// moby fills them from its runtime configuration (daemon/runtime_unix.go
/// `defaultV2ShimConfig`: `Root: <exec-root>/runtime-runc`); the shim runs runc with
/// `--root <root>/<namespace>` (runtime/v2/runc/container.go `NewContainer`). In containerd the
/// options travel as a protobuf `Any`; here, as the message's JSON, with the proto's field
/// names. A field left empty is left out, as Go's `omitempty` leaves it.
public struct RuncOptions: Codable, Sendable, Equatable {
    /// The runc executable to run. dockerd sends none, and the shim does not read it: it
    /// always runs the runc installed beside it.
    public var binary_name: String?
    /// The directory under which runc keeps each namespace's container state.
    public var root: String?

    public init(binary_name: String? = nil, root: String? = nil) {
        self.binary_name = binary_name
        self.root = root
    }
}

/// The resize of a process's terminal on the two RPC hops below dockerd (containerd's
/// api/services/tasks/v1/tasks.proto `ResizePtyRequest` and runtime/v2/task/shim.proto's):
///
///     dockerd ──Tasks/ResizePty {container_id, exec_id, width, height}──▶ containerd
///     containerd ──Task/ResizePty {id, exec_id, width, height}──────────▶ shim ── ioctl TIOCSWINSZ on the master
public struct ResizePtyRequest: Codable, Sendable {
    public var container_id: String
    public var exec_id: String?
    public var width: UInt32
    public var height: UInt32
    public init(container_id: String, exec_id: String? = nil, width: UInt32, height: UInt32) {
        self.container_id = container_id
        self.exec_id = exec_id
        self.width = width
        self.height = height
    }
}

public struct ShimResizePtyRequest: Codable, Sendable {
    public var id: String
    public var exec_id: String?
    public var width: UInt32
    public var height: UInt32
    public init(id: String, exec_id: String? = nil, width: UInt32, height: UInt32) {
        self.id = id
        self.exec_id = exec_id
        self.width = width
        self.height = height
    }
}

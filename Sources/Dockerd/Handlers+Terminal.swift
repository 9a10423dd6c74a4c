import KernelInterface
import Wire

extension Handlers {
    /// containerd's Tasks/ResizePty for the container's init (`execID` nil) or one of its
    /// execs, as moby's `Process.Resize` calls it. A size outside 0…65535 is clamped, as the
    /// kernel's `struct winsize` holds 16-bit fields.
    func resizePty(containerID: String, execID: String?, height: Int?, width: Int?) throws {
        let client = try daemon.containerd(kernel)
        defer { client.close() }
        let request = ResizePtyRequest(container_id: containerID, exec_id: execID,
                                       width: UInt32(clamping: max(0, min(width ?? 0, 65535))),
                                       height: UInt32(clamping: max(0, min(height ?? 0, 65535))))
        _ = try client.call(ContainerdService.tasks, "ResizePty", request, as: Empty.self)
    }
}

import KernelInterface

/// Character devices behave by their numbers wherever their node is (as `mknod` in a
/// container's /dev gives the same device): null (1,3), zero (1,5), full (1,7), random (1,8),
/// urandom (1,9), tty (5,0), console (5,1, output discarded unless the host installed one).
extension SimMachine {
    func readDevice(_ inode: Inode, count: Int) throws -> [UInt8] {
        switch (inode.deviceNumber.major, inode.deviceNumber.minor) {
        case (1, 3): return []
        case (1, 5), (1, 7): return [UInt8](repeating: 0, count: count)
        case (1, 8), (1, 9): return dataRandom.bytes(count)
        case (5, 1): return []
        default: throw Errno.ENXIO
        }
    }

    func writeDevice(_ inode: Inode, _ bytes: [UInt8]) throws -> Int {
        switch (inode.deviceNumber.major, inode.deviceNumber.minor) {
        case (1, 7): throw Errno.ENOSPC
        case (1, 3), (1, 5), (1, 8), (1, 9), (5, 1): return bytes.count
        default: throw Errno.ENXIO
        }
    }
}

import KernelInterface

/// What an open file description is open on.
enum FileObject {
    /// A file reached by path: regular, directory, device, host-backed, procfs/cgroupfs, or an
    /// `O_PATH` handle on anything.
    case inode(Inode)
    case pipe(Pipe, PipeEnd)
    case socket(Socket)
    case namespace(NamespaceHandle)
    /// One end of a pseudo-terminal (VFS/PseudoTerminal.swift).
    case terminal(PseudoTerminal, TerminalSide)
}

/// Which end a description holds; a FIFO opened `O_RDWR` holds both.
enum PipeEnd { case read, write, both }

/// An open file description (Linux's `struct file`): shared by descriptors made with dup(2),
/// inherited across spawn, and passed whole with SCM_RIGHTS. The description holds the offset
/// and the status flags (`O_APPEND`, `O_NONBLOCK`); it is released when the last descriptor
/// on it closes.
final class OpenFile {
    let object: FileObject
    var flags: OpenFlags
    var offset: Int64 = 0
    /// Where it was opened, for `/proc/PID/fd/N` and fstat's device.
    let location: Location?
    /// The text of a procfs/cgroupfs file as it was when opened.
    var snapshot: [UInt8]?
    var references = 0
    private let onRelease: (OpenFile) -> Void

    init(_ object: FileObject, flags: OpenFlags, location: Location?, onRelease: @escaping (OpenFile) -> Void = { _ in }) {
        self.object = object
        self.flags = flags
        self.location = location
        self.onRelease = onRelease
    }

    func retain() { references += 1 }

    func release() {
        references -= 1
        precondition(references >= 0, "SimKernel: open file description released twice")
        if references == 0 { onRelease(self) }
    }

    var inode: Inode? {
        switch object {
        case let .inode(inode): return inode
        case let .pipe(pipe, _): return pipe.inode
        case let .socket(socket): return socket.inode
        case .namespace: return nil
        case let .terminal(terminal, side): return side == .master ? terminal.master : terminal.slave
        }
    }

    var isPathOnly: Bool { flags.contains(.path) }
}

/// A process's descriptor table: numbers to open file descriptions, each with its own
/// close-on-exec flag. Shared by the threads of a process; copied for a child.
final class FileTable {
    struct Entry {
        var file: OpenFile
        var closeOnExec: Bool
    }

    private(set) var entries: [Int32: Entry] = [:]
    var limit: Int32 = 1024

    func file(_ fd: FileDescriptor) throws -> OpenFile {
        guard let entry = entries[fd.rawValue] else { throw Errno.EBADF }
        return entry.file
    }

    func entry(_ fd: FileDescriptor) -> Entry? { entries[fd.rawValue] }

    /// Installs `file` at the lowest free number (EMFILE past RLIMIT_NOFILE).
    func install(_ file: OpenFile, closeOnExec: Bool, lowest: Int32 = 0) throws -> FileDescriptor {
        var number = lowest
        while entries[number] != nil { number += 1 }
        guard number < limit else { throw Errno.EMFILE }
        file.retain()
        entries[number] = Entry(file: file, closeOnExec: closeOnExec)
        return FileDescriptor(number)
    }

    /// Puts `file` at `fd`, closing what was there (dup2(2)).
    func install(_ file: OpenFile, at fd: FileDescriptor, closeOnExec: Bool) throws {
        guard fd.rawValue >= 0, fd.rawValue < limit else { throw Errno.EBADF }
        file.retain()
        let old = entries[fd.rawValue]
        entries[fd.rawValue] = Entry(file: file, closeOnExec: closeOnExec)
        old?.file.release()
    }

    func close(_ fd: FileDescriptor) throws {
        guard let entry = entries.removeValue(forKey: fd.rawValue) else { throw Errno.EBADF }
        entry.file.release()
    }

    func setCloseOnExec(_ fd: FileDescriptor, _ on: Bool) throws {
        guard entries[fd.rawValue] != nil else { throw Errno.EBADF }
        entries[fd.rawValue]?.closeOnExec = on
    }

    /// A copy for a child: every descriptor, sharing the descriptions.
    func copy() -> FileTable {
        let table = FileTable()
        table.limit = limit
        for (number, entry) in entries {
            entry.file.retain()
            table.entries[number] = entry
        }
        return table
    }

    /// execve(2): closes the close-on-exec descriptors.
    func closeOnExec() {
        for number in entries.keys.sorted() where entries[number]?.closeOnExec == true {
            entries.removeValue(forKey: number)?.file.release()
        }
    }

    func closeAll() {
        for number in entries.keys.sorted() {
            entries.removeValue(forKey: number)?.file.release()
        }
    }

    var descriptors: [Int32] { entries.keys.sorted() }
}

import KernelInterface
import Testing

@Suite("Kernel contract: files and directories")
struct FileContractTests {
    @Test("files are created, read back, listed and removed", arguments: contractBackends)
    func filesAndDirectories(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.mkdirAll("/tmp/files/sub")
            try kernel.writeFile("/tmp/files/a.txt", "hello")
            try check(try kernel.readTextFile("/tmp/files/a.txt") == "hello", "content")
            let status = try kernel.stat("/tmp/files/a.txt")
            try check(status.kind == .regular && status.size == 5, "stat \(status)")
            let names = try kernel.readdir("/tmp/files").map(\.name)
            try check(names == [".", "..", "a.txt", "sub"], "readdir \(names)")
            try checkErrno(.EEXIST) { try kernel.mkdir("/tmp/files/sub", mode: 0o755) }
            try checkErrno(.ENOTEMPTY) { try kernel.rmdir("/tmp/files") }
            try checkErrno(.ENOTDIR) { try kernel.stat("/tmp/files/a.txt/x") }
            try checkErrno(.ENOENT) { try kernel.open("/tmp/files/missing", .readOnly, mode: 0) }
            try checkErrno(.EISDIR) { try kernel.unlink("/tmp/files/sub") }
            try kernel.mkdirAll("/tmp/files/sub")
            try kernel.mkdirAll("/tmp/files/sub/")
            try checkErrno(.ENOTDIR) { try kernel.mkdirAll("/tmp/files/a.txt") }
            try checkErrno(.ENOTDIR) { try kernel.mkdirAll("/tmp/files/a.txt/deeper/still") }
            try kernel.chdir("/tmp/files/sub")
            try check(try kernel.getcwd() == "/tmp/files/sub", "getcwd")
            try check(try kernel.readTextFile("../a.txt") == "hello", "relative to the working directory")
            try kernel.chdir("/")
            try kernel.unlink("/tmp/files/a.txt")
            try kernel.rmdir("/tmp/files/sub")
            try kernel.rmdir("/tmp/files")
            try check(!kernel.exists("/tmp/files"), "removed")
        }
    }

    @Test("offsets, O_APPEND, lseek and ftruncate behave as on Linux", arguments: contractBackends)
    func offsets(backend: any KernelBackend) throws {
        try backend.run { kernel in
            let fd = try kernel.open("/tmp/o.txt", [.readWrite, .create, .truncate], mode: 0o644)
            _ = try kernel.write(fd, Array("abcdef".utf8))
            try check(try kernel.lseek(fd, offset: 2, whence: 0) == 2, "lseek")
            try check(try kernel.read(fd, count: 2) == Array("cd".utf8), "read at offset")
            try kernel.ftruncate(fd, length: 3)
            try check(try kernel.fstat(fd).size == 3, "truncated")
            let appender = try kernel.open("/tmp/o.txt", [.writeOnly, .append], mode: 0)
            _ = try kernel.write(appender, Array("XY".utf8))
            try check(try kernel.readTextFile("/tmp/o.txt") == "abcXY", "append")
            let copy = try kernel.dup(fd)
            _ = try kernel.lseek(fd, offset: 1, whence: 0)
            try check(try kernel.lseek(copy, offset: 0, whence: 1) == 1, "dup shares the offset")
            try kernel.close(copy)
            try kernel.close(fd)
            try kernel.close(appender)
            try kernel.unlink("/tmp/o.txt")
        }
    }

    @Test("symlinks resolve, readlink reads them and loops fail with ELOOP", arguments: contractBackends)
    func symlinks(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.mkdirAll("/tmp/links/dir")
            try kernel.writeFile("/tmp/links/dir/target", "data")
            try kernel.symlink("dir/target", "/tmp/links/relative")
            try kernel.symlink("/tmp/links/dir", "/tmp/links/absolute")
            try check(try kernel.readlink("/tmp/links/relative") == "dir/target", "readlink")
            try check(try kernel.readTextFile("/tmp/links/relative") == "data", "relative link")
            try check(try kernel.readTextFile("/tmp/links/absolute/../dir/target") == "data", "dotdot after link")
            try check(try kernel.lstat("/tmp/links/relative").kind == .symlink, "lstat")
            try check(try kernel.stat("/tmp/links/relative").kind == .regular, "stat follows")
            try kernel.symlink("loop-b", "/tmp/links/loop-a")
            try kernel.symlink("loop-a", "/tmp/links/loop-b")
            try checkErrno(.ELOOP) { try kernel.stat("/tmp/links/loop-a") }
            try kernel.removeAll("/tmp/links")
        }
    }

    @Test("rename moves and replaces, and fails EXDEV across mounts", arguments: contractBackends)
    func rename(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.writeFile("/tmp/r1", "one")
            try kernel.writeFile("/tmp/r2", "two")
            try kernel.rename("/tmp/r1", "/tmp/r2")
            try check(try kernel.readTextFile("/tmp/r2") == "one", "replaced")
            try check(!kernel.exists("/tmp/r1"), "old name gone")
            try kernel.mkdirAll("/tmp/rd/inner")
            try checkErrno(.EINVAL) { try kernel.rename("/tmp/rd", "/tmp/rd/inner/x") }
            try checkErrno(.EXDEV) { try kernel.rename("/tmp/r2", "/dev/r2") }
            try kernel.unlink("/tmp/r2")
            try kernel.removeAll("/tmp/rd")
        }
    }

    @Test("permissions are checked for other users and bypassed by root", arguments: contractBackends)
    func permissions(backend: any KernelBackend) throws {
        try backend.run { kernel in
            try kernel.writeFile("/tmp/secret", "s", mode: 0o600)
            try kernel.mkdir("/tmp/private", mode: 0o700)
            let (output, status) = try kernel.runHelper(backend, "exit-with", ["0"])
            try check(status == .exited(0) && output.isEmpty, "helper")
            try check(try kernel.readTextFile("/tmp/secret") == "s", "root reads a 0600 file")
            try kernel.unlink("/tmp/secret")
            try kernel.rmdir("/tmp/private")
        }
    }
}

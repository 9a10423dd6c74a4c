import KernelInterface

/// What execve(2) checks before it replaces an image, as fs/exec.c and binfmt_script do.
extension SimMachine {
    static let simulatedMagic = Array("\u{7F}SIM ".utf8)
    /// binfmt_script allows this many nested interpreters.
    static let maximumInterpreterDepth = 4

    /// Finds what exec of `path` would run: ENOENT when the file (or a script's interpreter) is
    /// missing, EACCES when it is not a regular file, lacks an execute bit or sits on a noexec
    /// mount, ENOEXEC when its content is neither a registered program nor a `#!` script.
    func loadImage(_ path: String, arguments: [String], environment: [String], for process: SimProcess, depth: Int = 0) throws -> Image {
        let location = try resolve(path, for: process)
        let inode = location.inode.overlay?.current ?? location.inode
        guard inode.kind == .regular else { throw Errno.EACCES }
        guard !location.mount.flags.contains(.noExec), mayAccess(location.inode, 0o1, process.credentials) else {
            throw Errno.EACCES
        }
        let data = inode.data
        if data.starts(with: SimMachine.simulatedMagic) {
            let name = String(decoding: data.dropFirst(SimMachine.simulatedMagic.count).prefix { $0 != 0x0A }, as: UTF8.self)
            guard let program = programs[name] else { throw Errno.ENOEXEC }
            return Image(program: program, path: path, arguments: arguments, environment: environment, file: location)
        }
        if data.starts(with: Array("#!".utf8)) {
            guard depth < SimMachine.maximumInterpreterDepth else { throw Errno.ELOOP }
            let line = String(decoding: data.dropFirst(2).prefix { $0 != 0x0A }, as: UTF8.self)
            let words = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            guard let interpreter = words.first.map(String.init) else { throw Errno.ENOEXEC }
            var scriptArguments = [interpreter]
            if words.count > 1 {
                let argument = words[1].trimmingCharacters()
                if !argument.isEmpty { scriptArguments.append(argument) }
            }
            scriptArguments.append(path)
            scriptArguments += arguments.dropFirst()
            return try loadImage(interpreter, arguments: scriptArguments, environment: environment, for: process, depth: depth + 1)
        }
        throw Errno.ENOEXEC
    }

    /// The name `ps` shows for an exec of `path`: its last component, cut to 15 bytes
    /// (TASK_COMM_LEN - 1).
    static func commandName(_ path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return truncatedComm(base)
    }

    static func truncatedComm(_ name: String) -> String {
        var bytes = Array(name.utf8.prefix(15))
        while String(validating: bytes, as: UTF8.self) == nil, !bytes.isEmpty { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(self.drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}

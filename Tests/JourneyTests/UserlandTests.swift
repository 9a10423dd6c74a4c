import KernelInterface
import Testing
@testable import Userland

@Suite("Userland: the shell's lexer and parser")
struct ShellSyntaxTests {
    @Test("quotes and escapes make one word of their text, marked quoted")
    func quoting() throws {
        let tokens = try ShellLexer.tokenize(#"echo 'a b' "c $X" d\ e"#)
        #expect(tokens == [
            .word("echo"),
            .word(ShellWord(parts: [.literal("a b", quoted: true)])),
            .word(ShellWord(parts: [.literal("c ", quoted: true), .parameter(ParameterExpansion(name: "X", quoted: true))])),
            .word(ShellWord(parts: [.literal("d", quoted: false), .literal(" ", quoted: true), .literal("e", quoted: false)])),
        ])
    }

    @Test("a number written against > or < is the descriptor it redirects")
    func ioNumbers() throws {
        let tokens = try ShellLexer.tokenize("cmd 2>&1 >>log 3 <in")
        #expect(tokens == [
            .word("cmd"), .redirection(descriptor: 2, .duplicateOutput), .word("1"),
            .redirection(descriptor: nil, .append), .word("log"), .word("3"),
            .redirection(descriptor: nil, .input), .word("in"),
        ])
    }

    @Test("special parameters, braces and defaults are recognised")
    func parameters() throws {
        let tokens = try ShellLexer.tokenize("echo $? $$ ${HOME} ${X:-none} $1x $")
        let expected: [ShellToken] = [
            .word("echo"),
            .word(ShellWord(parts: [.parameter(ParameterExpansion(name: "?", quoted: false))])),
            .word(ShellWord(parts: [.parameter(ParameterExpansion(name: "$", quoted: false))])),
            .word(ShellWord(parts: [.parameter(ParameterExpansion(name: "HOME", quoted: false))])),
            .word(ShellWord(parts: [.parameter(ParameterExpansion(name: "X", quoted: false, fallback: "none", fallbackWhenEmpty: true))])),
            .word(ShellWord(parts: [.parameter(ParameterExpansion(name: "1", quoted: false)), .literal("x", quoted: false)])),
            .word("$"),
        ]
        #expect(tokens == expected)
    }

    @Test("comments run to the end of the line")
    func comments() throws {
        #expect(try ShellLexer.tokenize("a # b c\nd") == [.word("a"), .newline, .word("d")])
    }

    @Test("lists, and-or lists and pipelines nest as the grammar says")
    func structure() throws {
        let script = try ShellParser.parse("A=1 cat <in | wc -l > out && echo ok || ! false; sleep 1 &")
        #expect(script.count == 2)
        let first = script[0].andOr
        #expect(first.first.commands.count == 2)
        #expect(first.first.commands[0].assignments == [Assignment(name: "A", value: "1")])
        #expect(first.first.commands[0].words == ["cat"])
        #expect(first.first.commands[0].redirections == [Redirection(descriptor: 0, op: .input, target: "in")])
        #expect(first.first.commands[1].redirections == [Redirection(descriptor: 1, op: .output, target: "out")])
        #expect(first.rest.map(\.connector) == [.and, .or])
        #expect(first.rest[1].pipeline.negated)
        #expect(!script[0].background)
        #expect(script[1].background)
    }

    @Test("an assignment after the command name is an ordinary argument")
    func assignmentOnlyBeforeName() throws {
        let command = try ShellParser.parse("env A=1").first?.andOr.first.commands.first
        #expect(command?.assignments == [])
        #expect(command?.words == ["env", "A=1"])
    }

    @Test("syntax errors are worded as ash words them")
    func syntaxErrors() {
        #expect(throws: ShellSyntaxError(message: "unexpected \"|\"")) { try ShellParser.parse("| wc") }
        #expect(throws: ShellSyntaxError(message: "unexpected \";\"")) { try ShellParser.parse("echo a; ;") }
        #expect(throws: ShellSyntaxError(message: "unexpected newline")) { try ShellParser.parse("echo >\n") }
    }

    @Test("text that stops inside a command asks for more input")
    func incompleteInput() {
        for text in ["echo 'abc", "echo \"abc", "ls |", "true &&", "echo a \\\n"] {
            #expect(throws: ShellSyntaxError.self) { try ShellParser.parse(text) }
            do {
                _ = try ShellParser.parse(text)
            } catch {
                #expect(error.needsMoreInput, "\(text)")
            }
        }
    }

    @Test("export lists values quoted so the shell reads them back")
    func singleQuoting() {
        #expect(Shell.singleQuoted("it's") == #"'it'"'"'s'"#)
        #expect(Shell.singleQuoted("/bin") == "'/bin'")
    }
}

@Suite("Userland: applet output formats")
struct AppletFormatTests {
    @Test("echo: -n drops the newline, -e reads escapes, \\c stops, other dashes are text")
    func echo() {
        #expect(Echo.render(["a", "b"]) == Array("a b\n".utf8))
        #expect(Echo.render(["-n", "a"]) == Array("a".utf8))
        #expect(Echo.render(["-e", "a\\tb\\0101"]) == Array("a\tbA\n".utf8))
        #expect(Echo.render(["-e", "a\\cb", "c"]) == Array("a".utf8))
        #expect(Echo.render(["-x", "a\\n"]) == Array("-x a\\n\n".utf8))
    }

    @Test("printf: conversions, widths, flags, and the format reused for extra arguments")
    func printf() {
        #expect(Printf.render("%s=%d\\n", ["a", "1", "b", "2"]).bytes == Array("a=1\nb=2\n".utf8))
        #expect(Printf.render("[%5s|%-5s|%03d|%x|%%]", ["ab", "cd", "7", "255"]).bytes == Array("[   ab|cd   |007|ff|%]".utf8))
        #expect(Printf.render("%d", ["zz"]).problems == ["invalid number 'zz'"])
        #expect(Printf.render("%b", ["x\\ny"]).bytes == Array("x\ny".utf8))
    }

    @Test("ps: busybox's header and `%5u %-8s %5s %s` lines")
    func psLine() {
        #expect(Ps.header == "PID   USER     TIME  COMMAND")
        #expect(Ps.line(Ps.Entry(pid: 1, user: "root", ticks: 0, command: "sh")) == "    1 root      0:00 sh")
        #expect(Ps.line(Ps.Entry(pid: 12345, user: "nobody", ticks: 6_150, command: "sleep 100")) == "12345 nobody    1:01 sleep 100")
    }

    @Test("ps -o: the chosen columns in busybox's widths, the last one unpadded")
    func psColumns() {
        let entry = Ps.Entry(pid: 7, user: "root", ticks: 0, command: "sleep 300", ppid: 1, comm: "sleep")
        #expect(Ps.row([.pid, .args], header: true, entry: nil) == "PID   COMMAND")
        #expect(Ps.row([.pid, .args], header: false, entry: entry) == "    7 sleep 300")
        #expect(Ps.row([.pid, .ppid, .comm, .user], header: true, entry: nil) == "PID   PPID  COMMAND          USER")
        #expect(Ps.row([.pid, .ppid, .comm, .user], header: false, entry: entry) == "    7     1 sleep            root")
    }

    @Test("ps: comm and times from /proc/PID/stat, even when the comm has spaces")
    func psStat() {
        let stat = "7 (my (odd) prog) S 1 7 7 0 -1 4194560 0 0 0 0 250 50 0 0 20 0 1 0 100 0 0"
        let parsed = Ps.parseStat(stat)
        #expect(parsed?.comm == "my (odd) prog")
        #expect(parsed?.ticks == 300)
        #expect(parsed?.ppid == 1)
        #expect(Ps.realUID(status: "Name:\tsh\nUid:\t1000\t1000\t1000\t1000\n") == 1000)
        #expect(Ps.command(cmdline: Array("sleep\u{0}100\u{0}".utf8), comm: "sleep") == "sleep 100")
        #expect(Ps.command(cmdline: [], comm: "kthreadd") == "[kthreadd]")
    }

    @Test("ls -l: busybox's columns, and a year instead of a time for old files")
    func lsLong() {
        let now: Int64 = 1_767_225_600 // 2026-01-01T00:00:00Z
        var status = FileStatus(kind: .directory, permissions: 0o755, size: 4096, linkCount: 2, modified: (now - 60) * 1_000_000_000)
        let database = UserDatabase(passwd: "root:x:0:0:root:/root:/bin/sh\n", group: "root:x:0:\n")
        let item = Ls.Item(name: "bin", path: "/bin", status: status)
        #expect(Ls.longLine(item, linkTarget: nil, database: database, now: now)
            == "drwxr-xr-x    2 root     root          4096 Dec 31 23:59 bin")
        status.kind = .symlink
        status.permissions = 0o777
        status.size = 7
        status.modified = 1_577_836_800 * 1_000_000_000 // 2020-01-01
        let link = Ls.Item(name: "sh", path: "/bin/sh", status: status)
        #expect(Ls.longLine(link, linkTarget: "busybox", database: nil, now: now)
            == "lrwxrwxrwx    2 0        0                7 Jan  1  2020 sh -> busybox")
    }

    @Test("ls: names run down columns on a terminal")
    func lsColumns() {
        #expect(Ls.columns(["a", "b", "c"], width: 80) == "a  b  c\n")
        #expect(Ls.columns(["aaaa", "b", "c"], width: 12) == "aaaa  c\nb\n")
    }

    @Test("wc: padded columns, unpadded for a single count")
    func wc() {
        var counts = Wc.Counts()
        var inWord = false
        counts.add(Array("hello world\nbye\n".utf8), inWord: &inWord)
        #expect(counts == Wc.Counts(lines: 2, words: 3, bytes: 16))
        #expect(Wc.line(counts, [\.lines, \.words, \.bytes], unpadded: false, name: nil) == "        2         3        16")
        #expect(Wc.line(counts, [\.lines], unpadded: true, name: "f") == "2 f")
    }

    @Test("sleep: seconds with fractions and suffixes, exactly")
    func sleepDurations() {
        #expect(Sleep.duration("1") == 1_000_000_000)
        #expect(Sleep.duration("0.25") == 250_000_000)
        #expect(Sleep.duration(".5") == 500_000_000)
        #expect(Sleep.duration("2m") == 120_000_000_000)
        #expect(Sleep.duration("abc") == nil)
        #expect(Sleep.duration("1.2.3") == nil)
        #expect(Sleep.duration("") == nil)
    }

    @Test("id: names from passwd and group, groups from membership")
    func id() {
        let database = UserDatabase(passwd: "root:x:0:0:root:/root:/bin/sh\n",
                                    group: "root:x:0:\nwheel:x:10:root\nusers:x:100:\n")
        let groups = database.groupIDs(of: "root", primary: 0)
        #expect(Id.line(uid: 0, gid: 0, groups: groups, database: database) == "uid=0(root) gid=0(root) groups=0(root),10(wheel)")
        #expect(Id.line(uid: 5, gid: 5, groups: [5], database: database) == "uid=5 gid=5 groups=5")
    }

    @Test("mount: /proc/mounts shown as `SOURCE on TARGET type TYPE (OPTIONS)`, -o split into flags and data")
    func mount() {
        #expect(Mount.describeTable("proc /proc proc rw,nosuid 0 0\n") == "proc on /proc type proc (rw,nosuid)\n")
        let (flags, data) = Mount.parse(options: "ro,nosuid,size=64k,mode=755")
        #expect(flags == [.readOnly, .noSetuid])
        #expect(data == "size=64k,mode=755")
    }

    @Test("uname: -s by default, -a in busybox's field order")
    func uname() {
        let name = SystemName(sysname: "Linux", nodename: "box", release: "6.1.0", machine: "x86_64")
        #expect(Uname.render(name, []) == "Linux")
        #expect(Uname.render(name, ["a"]) == "Linux box 6.1.0 x86_64 GNU/Linux")
        #expect(Uname.render(name, ["n", "m"]) == "box x86_64")
    }

    @Test("the calendar date of an epoch second, in UTC")
    func civilTime() {
        #expect(CivilTime(secondsSinceEpoch: 1_767_225_600) == CivilTime(year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0))
        #expect(CivilTime(secondsSinceEpoch: 951_782_400 + 3_661) == CivilTime(year: 2000, month: 2, day: 29, hour: 1, minute: 1, second: 1))
    }

    @Test("option letters group, take values, and end at --")
    func options() throws {
        let parsed = try parseOptions(["-la", "-n5", "x", "--", "-y"], flags: "la", valued: "n")
        #expect(parsed.flags == ["l", "a"])
        #expect(parsed.values["n"] == "5")
        #expect(parsed.operands == ["x", "-y"])
        #expect(throws: OptionError.invalid("z")) { try parseOptions(["-z"], flags: "a") }
    }
}

@Suite("Userland: programs")
struct UserlandProgramTests {
    @Test("hello prints Docker's shape of message with the machine name")
    func hello() {
        let text = Hello.message(machine: "x86_64")
        #expect(text.hasPrefix("\nHello from Glassbox!\nThis message shows that your installation appears to be working correctly.\n"))
        #expect(text.contains("\n    (x86_64)\n"))
        #expect(text.hasSuffix("see the tutorials in the project's tutorials/ folder.\n\n"))
    }

    @Test("busybox answers to the basename of argv[0], without a login dash")
    func appletNames() {
        #expect(Busybox.appletName(argv0: "/bin/sh") == "sh")
        #expect(Busybox.appletName(argv0: "-sh") == "sh")
        #expect(Busybox.appletName(argv0: "busybox") == "busybox")
        for name in ["sh", "echo", "cat", "ls", "ps", "hostname", "id", "mount", "sleep", "true", "false", "env",
                     "pwd", "mkdir", "rm", "touch", "uname", "wc", "head", "printf"] {
            #expect(Userland.busyboxApplets.contains(name), "\(name)")
        }
        #expect(Userland.programs.map(\.name) == ["hello", "busybox"])
        #expect(Userland.programs.allSatisfy { $0.participant == nil })
    }
}

@Suite("Userland: sh runs simple commands")
struct ShellBehaviourTests {
    /// Runs `sh -c script` on a fresh in-memory kernel.
    func run(_ script: String, environment: [String] = ["PATH=/bin", "HOME=/"]) -> (status: Int32, kernel: ShellTestKernel) {
        let kernel = ShellTestKernel()
        let context = ProcessContext(kernel: kernel, arguments: ["sh", "-c", script], environment: environment)
        return (ShellApplet.main(context), kernel)
    }

    @Test("echo prints its arguments")
    func echo() {
        let (status, kernel) = run("echo hello   world")
        #expect(status == 0)
        #expect(kernel.outputText == "hello world\n")
    }

    @Test("variables, braces, defaults and $? expand")
    func parameters() {
        let (_, kernel) = run(#"X=a; echo "$X" ${X}b ${Y:-dflt} $? $$"#)
        #expect(kernel.outputText == "a ab dflt 0 42\n")
    }

    @Test("unquoted expansions split on white space; quoted ones do not")
    func fieldSplitting() {
        let (_, kernel) = run(#"X=" a  b "; echo [$X] "[$X]""#)
        #expect(kernel.outputText == "[ a b ] [ a  b ]\n")
    }

    @Test("> truncates, >> appends, 1>&2 sends output to standard error, and descriptors come back")
    func redirections() {
        let (status, kernel) = run("echo one > /tmp/f; echo two >> /tmp/f; echo err 1>&2; echo back")
        #expect(status == 0)
        #expect(kernel.text(of: "/tmp/f") == "one\ntwo\n")
        #expect(kernel.errorText == "err\n")
        #expect(kernel.outputText == "back\n")
        #expect(kernel.table.keys.sorted() == [0, 1, 2])
    }

    @Test("&& and || run by the status before them")
    func andOr() {
        let (_, kernel) = run("false || echo yes && echo also; true && false; echo $?")
        #expect(kernel.outputText == "yes\nalso\n1\n")
    }

    @Test("a missing command is `sh: NAME: not found` with status 127")
    func notFound() {
        let (status, kernel) = run("nosuch arg")
        #expect(status == 127)
        #expect(kernel.errorText == "sh: nosuch: not found\n")
    }

    @Test("cd changes directory and PWD; a bad one is ash's message and status 2")
    func changeDirectory() {
        let (status, kernel) = run("cd /tmp && pwd && echo $PWD; cd /nope")
        #expect(kernel.outputText == "/tmp\n/tmp\n")
        #expect(kernel.errorText == "sh: cd: can't cd to /nope: No such file or directory\n")
        #expect(status == 2)
    }

    @Test("exit ends the shell with its status")
    func exit() {
        let (status, kernel) = run("exit 3; echo no")
        #expect(status == 3)
        #expect(kernel.outputText == "")
    }

    @Test("a syntax error runs nothing and exits 2")
    func syntaxError() {
        let (status, kernel) = run("echo a; echo \"b")
        #expect(status == 2)
        #expect(kernel.outputText == "")
        #expect(kernel.errorText == "sh: syntax error: unterminated quoted string\n")
    }

    @Test("earlier lines of a script run before a later line's syntax error")
    func lineByLine() {
        let (status, kernel) = run("echo a\necho | |")
        #expect(status == 2)
        #expect(kernel.outputText == "a\n")
        #expect(kernel.errorText == "sh: syntax error: unexpected \"|\"\n")
    }

    @Test("a redirection that cannot be made skips the command with status 2")
    func failedRedirection() {
        let (_, kernel) = run("echo hi < /nope; echo $?; echo x > /no/dir/f")
        #expect(kernel.outputText == "2\n")
        #expect(kernel.errorText == "sh: can't open /nope: no such file\nsh: can't create /no/dir/f: nonexistent directory\n")
    }

    @Test("exec with only redirections keeps them for the rest of the shell")
    func execRedirection() {
        let (_, kernel) = run("exec >/tmp/out; echo x; echo y")
        #expect(kernel.text(of: "/tmp/out") == "x\ny\n")
        #expect(kernel.outputText == "")
    }

    @Test("export marks variables for children and lists them quoted")
    func export() {
        let (_, kernel) = run("export A=1 B; C=2; export", environment: [])
        #expect(kernel.outputText == "export A='1'\nexport B\nexport PWD='/'\nexport SHLVL='1'\n")
    }

    @Test("positional parameters come after -c's command and name")
    func positional() {
        let kernel = ShellTestKernel()
        let context = ProcessContext(kernel: kernel, arguments: ["sh", "-c", #"echo $0 $# $1 "$@""#, "name", "a b", "c"], environment: [])
        #expect(ShellApplet.main(context) == 0)
        #expect(kernel.outputText == "name 2 a b a b c\n")
    }
}

/// An in-memory stand-in for the Kernel with just what `sh` and its builtins use: a file tree,
/// one process's descriptor table, and captured standard output and error. Every other call
/// fails with ENOSYS (or traps where the call cannot fail), so a test that strays notices.
final class ShellTestKernel: Kernel, @unchecked Sendable {
    final class Description {
        var path: String?
        var capture: String?
        var offset = 0
        var append = false
        init(path: String? = nil, capture: String? = nil, append: Bool = false) {
            self.path = path
            self.capture = capture
            self.append = append
        }
    }

    var files: [String: [UInt8]] = [:]
    var directories: Set<String> = ["/", "/tmp", "/bin"]
    var table: [Int32: Description] = [:]
    var cwd = "/"
    var standardOutput: [UInt8] = []
    var standardError: [UInt8] = []

    init() {
        table[0] = Description(path: nil, capture: "stdin")
        table[1] = Description(path: nil, capture: "stdout")
        table[2] = Description(path: nil, capture: "stderr")
    }

    var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
    var errorText: String { String(decoding: standardError, as: UTF8.self) }
    func text(of path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }

    func resolve(_ path: String) -> String {
        var components: [Substring] = []
        for component in ((path.hasPrefix("/") ? "" : cwd + "/") + path).split(separator: "/") {
            if component == "." { continue }
            if component == ".." { _ = components.popLast(); continue }
            components.append(component)
        }
        return "/" + components.joined(separator: "/")
    }

    func parent(_ path: String) -> String {
        let components = path.split(separator: "/").dropLast()
        return "/" + components.joined(separator: "/")
    }

    func install(_ description: Description, at fd: Int32?) -> FileDescriptor {
        var number: Int32 = 0
        while table[number] != nil { number += 1 }
        table[number] = description
        return FileDescriptor(number)
    }

    func open(_ path: String, _ flags: OpenFlags, mode: UInt32) throws -> FileDescriptor {
        let full = resolve(path)
        if directories.contains(full) {
            if flags.canWrite { throw Errno.EISDIR }
        } else if files[full] == nil {
            guard flags.contains(.create) else { throw Errno.ENOENT }
            guard directories.contains(parent(full)) else { throw Errno.ENOENT }
            files[full] = []
        }
        if flags.contains(.truncate) { files[full] = [] }
        return install(Description(path: full, append: flags.contains(.append)), at: nil)
    }
    func close(_ fd: FileDescriptor) throws {
        guard table.removeValue(forKey: fd.rawValue) != nil else { throw Errno.EBADF }
    }
    func read(_ fd: FileDescriptor, count: Int) throws -> [UInt8] {
        guard let description = table[fd.rawValue] else { throw Errno.EBADF }
        guard let path = description.path else { return [] }
        if directories.contains(path) { throw Errno.EISDIR }
        let bytes = files[path] ?? []
        let end = min(bytes.count, description.offset + count)
        defer { description.offset = end }
        return description.offset < end ? Array(bytes[description.offset..<end]) : []
    }
    func write(_ fd: FileDescriptor, _ bytes: [UInt8]) throws -> Int {
        guard let description = table[fd.rawValue] else { throw Errno.EBADF }
        guard let path = description.path else {
            if description.capture == "stdout" { standardOutput += bytes } else { standardError += bytes }
            return bytes.count
        }
        var contents = files[path] ?? []
        if description.append { description.offset = contents.count }
        if contents.count < description.offset + bytes.count { contents += [UInt8](repeating: 0, count: description.offset + bytes.count - contents.count) }
        contents.replaceSubrange(description.offset..<(description.offset + bytes.count), with: bytes)
        files[path] = contents
        description.offset += bytes.count
        return bytes.count
    }
    func lseek(_ fd: FileDescriptor, offset: Int64, whence: Int32) throws -> Int64 {
        throw Errno.ENOSYS
    }
    func fstat(_ fd: FileDescriptor) throws -> FileStatus {
        guard let description = table[fd.rawValue] else { throw Errno.EBADF }
        guard let path = description.path else { return FileStatus(kind: .fifo, permissions: 0o600, size: 0) }
        return try stat(path)
    }
    func stat(_ path: String) throws -> FileStatus {
        let full = resolve(path)
        if directories.contains(full) { return FileStatus(kind: .directory, permissions: 0o755, size: 4096) }
        guard let bytes = files[full] else { throw Errno.ENOENT }
        return FileStatus(kind: .regular, permissions: 0o644, size: Int64(bytes.count))
    }
    func lstat(_ path: String) throws -> FileStatus {
        try stat(path)
    }
    func statfs(_ path: String) throws -> FileSystemStatus {
        _ = try stat(path)
        return FileSystemStatus(type: FileSystemStatus.magic(of: "tmpfs"), flags: [])
    }
    func mkdir(_ path: String, mode: UInt32) throws {
        throw Errno.ENOSYS
    }
    func rmdir(_ path: String) throws {
        throw Errno.ENOSYS
    }
    func unlink(_ path: String) throws {
        throw Errno.ENOSYS
    }
    func rename(_ from: String, _ to: String) throws {
        throw Errno.ENOSYS
    }
    func symlink(_ target: String, _ path: String) throws {
        throw Errno.ENOSYS
    }
    func readlink(_ path: String) throws -> String {
        throw Errno.ENOSYS
    }
    func link(_ existing: String, _ new: String) throws {
        throw Errno.ENOSYS
    }
    func chmod(_ path: String, mode: UInt32) throws {
        throw Errno.ENOSYS
    }
    func lchown(_ path: String, uid: UInt32, gid: UInt32) throws {
        throw Errno.ENOSYS
    }
    func setxattr(_ path: String, _ name: String, _ value: [UInt8]) throws {
        throw Errno.ENOSYS
    }
    func getxattr(_ path: String, _ name: String) throws -> [UInt8] {
        throw Errno.ENOSYS
    }
    func mknod(_ path: String, kind: FileKind, mode: UInt32, major: UInt32, minor: UInt32) throws {
        throw Errno.ENOSYS
    }
    func readdir(_ path: String) throws -> [DirectoryEntry] {
        throw Errno.ENOSYS
    }
    func ftruncate(_ fd: FileDescriptor, length: Int64) throws {
        throw Errno.ENOSYS
    }
    func chdir(_ path: String) throws {
        let full = resolve(path)
        guard directories.contains(full) else { throw files[full] == nil ? Errno.ENOENT : Errno.ENOTDIR }
        cwd = full
    }
    func getcwd() throws -> String {
        cwd
    }
    func dup(_ fd: FileDescriptor) throws -> FileDescriptor {
        throw Errno.ENOSYS
    }
    func dup2(_ fd: FileDescriptor, _ target: FileDescriptor, closeOnExec: Bool) throws {
        guard let description = table[fd.rawValue] else { throw Errno.EBADF }
        table[target.rawValue] = description
    }
    func setCloseOnExec(_ fd: FileDescriptor, _ on: Bool) throws {
        throw Errno.ENOSYS
    }
    func setNonBlocking(_ fd: FileDescriptor, _ on: Bool) throws {
        throw Errno.ENOSYS
    }
    func pipe(closeOnExec: Bool) throws -> (read: FileDescriptor, write: FileDescriptor) {
        throw Errno.ENOSYS
    }
    func pollReadable(_ fds: [FileDescriptor], timeoutNanoseconds: Int64?) throws -> [FileDescriptor] {
        throw Errno.ENOSYS
    }
    func socket(_ domain: SocketDomain, _ type: SocketType, closeOnExec: Bool) throws -> FileDescriptor {
        throw Errno.ENOSYS
    }
    func socketpair(_ type: SocketType, closeOnExec: Bool) throws -> (FileDescriptor, FileDescriptor) {
        throw Errno.ENOSYS
    }
    func bind(_ fd: FileDescriptor, _ address: SocketAddress) throws {
        throw Errno.ENOSYS
    }
    func listen(_ fd: FileDescriptor, backlog: Int32) throws {
        throw Errno.ENOSYS
    }
    func accept(_ fd: FileDescriptor, closeOnExec: Bool) throws -> FileDescriptor {
        throw Errno.ENOSYS
    }
    func connect(_ fd: FileDescriptor, _ address: SocketAddress) throws {
        throw Errno.ENOSYS
    }
    func shutdown(_ fd: FileDescriptor, _ how: ShutdownHow) throws {
        throw Errno.ENOSYS
    }
    func sendmsg(_ fd: FileDescriptor, _ bytes: [UInt8], fds: [FileDescriptor]) throws -> Int {
        throw Errno.ENOSYS
    }
    func recvmsg(_ fd: FileDescriptor, count: Int) throws -> (bytes: [UInt8], fds: [FileDescriptor]) {
        throw Errno.ENOSYS
    }
    func getsockname(_ fd: FileDescriptor) throws -> SocketAddress {
        throw Errno.ENOSYS
    }
    func mount(source: String, target: String, fstype: String, flags: MountFlags, data: String) throws {
        throw Errno.ENOSYS
    }
    func umount(_ target: String, flags: UnmountFlags) throws {
        throw Errno.ENOSYS
    }
    func pivotRoot(_ newRoot: String, _ putOld: String) throws {
        throw Errno.ENOSYS
    }
    func chroot(_ path: String) throws {
        throw Errno.ENOSYS
    }
    func getpid() -> ProcessID {
        ProcessID(42)
    }
    func getppid() -> ProcessID {
        ProcessID(1)
    }
    func spawn(_ request: SpawnRequest) throws -> ProcessID {
        throw Errno.ENOENT
    }
    func fork(_ request: SpawnRequest, running program: Program) throws -> ProcessID {
        throw Errno.ENOSYS
    }
    func execve(_ path: String, _ arguments: [String], _ environment: [String]) throws -> Never {
        throw Errno.ENOSYS
    }
    func exit(_ status: Int32) throws -> Never {
        throw Errno.ENOSYS
    }
    func wait4(_ pid: ProcessID?, options: WaitOptions) throws -> (pid: ProcessID, status: WaitStatus)? {
        throw Errno.ECHILD
    }
    func kill(_ pid: ProcessID, _ signal: Signal) throws {
        throw Errno.ENOSYS
    }
    func ignoreSignal(_ signal: Signal, _ ignore: Bool) throws {
        throw Errno.ENOSYS
    }
    func setsid() throws -> ProcessID {
        throw Errno.ENOSYS
    }
    func setChildSubreaper() throws {
        throw Errno.ENOSYS
    }
    func setProcessName(_ name: String) throws {
        throw Errno.ENOSYS
    }
    func spawnThread(name: String, _ body: @escaping @Sendable (Kernel) -> Void) throws {
        throw Errno.ENOSYS
    }
    func makeLock() -> KernelLock {
        preconditionFailure("makeLock is not used by the shell")
    }
    func unshare(_ namespaces: Namespaces) throws {
        throw Errno.ENOSYS
    }
    func setns(_ fd: FileDescriptor, _ namespace: Namespaces) throws {
        throw Errno.ENOSYS
    }
    func sethostname(_ name: String) throws {
        throw Errno.ENOSYS
    }
    func uname() -> SystemName {
        SystemName(sysname: "Linux", nodename: "box", release: "6.1.0", machine: "x86_64")
    }
    func getuid() -> UInt32 {
        0
    }
    func getgid() -> UInt32 {
        0
    }
    func setuid(_ uid: UInt32) throws {
        throw Errno.ENOSYS
    }
    func setgid(_ gid: UInt32) throws {
        throw Errno.ENOSYS
    }
    func setgroups(_ gids: [UInt32]) throws {
        throw Errno.ENOSYS
    }
    func capget() throws -> CapabilitySets {
        throw Errno.ENOSYS
    }
    func capset(_ sets: CapabilitySets) throws {
        throw Errno.ENOSYS
    }
    func setNoNewPrivileges() throws {
        throw Errno.ENOSYS
    }
    func setrlimit(_ limit: ResourceLimit) throws {
        throw Errno.ENOSYS
    }
    func umask(_ mask: UInt32) -> UInt32 {
        0o022
    }
    func clockGettime(_ clock: ClockID) -> Int64 {
        1_767_225_600_000_000_000
    }
    func nanosleep(_ nanoseconds: Int64) throws {
        throw Errno.ENOSYS
    }
    func getrandom(_ count: Int) -> [UInt8] {
        [UInt8](repeating: 0, count: count)
    }
}

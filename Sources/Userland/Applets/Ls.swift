import KernelInterface

/// `ls [-1aAdlnC] [FILE]...`, as busybox's coreutils/ls.c: operands that are files are listed
/// first, then each directory's contents (with a `dir:` heading when there are several
/// operands); names sorted; one per line unless standard output is a terminal, where they
/// go in columns down an 80-column screen; `-l` in the long format of `Ls+Long.swift`.
enum Ls {
    struct Item {
        var name: String
        var path: String
        var status: FileStatus
    }

    struct Settings {
        var long = false
        var all = false
        var almostAll = false
        var directoryItself = false
        var numericIDs = false
        var columns = false
        var terminalWidth = 80
    }

    static func main(_ context: ProcessContext) -> Int32 {
        let options: ParsedOptions
        do { options = try parseOptions(Array(context.arguments.dropFirst()), flags: "1aAdlnCF") } catch {
            context.complain("ls", error.message)
            return 1
        }
        var settings = Settings()
        settings.long = options.has("l") || options.has("n")
        settings.numericIDs = options.has("n")
        settings.all = options.has("a")
        settings.almostAll = options.has("A")
        settings.directoryItself = options.has("d")
        settings.columns = !settings.long && !options.has("1") && (options.has("C") || context.isTerminal(.standardOutput))
        let lister = Lister(context: context, settings: settings)
        return lister.run(options.operands.isEmpty ? ["."] : options.operands)
    }

    struct Lister {
        let context: ProcessContext
        let settings: Settings
        var kernel: Kernel { context.kernel }

        func run(_ operands: [String]) -> Int32 {
            var status: Int32 = 0
            var files: [Item] = []
            var directories: [Item] = []
            for operand in operands {
                do {
                    let fileStatus = settings.long ? try kernel.lstat(operand) : try kernel.stat(operand)
                    let item = Item(name: operand, path: operand, status: fileStatus)
                    if fileStatus.kind == .directory && !settings.directoryItself { directories.append(item) } else { files.append(item) }
                } catch {
                    context.complain("ls", "\(operand): \(describe(error))")
                    status = 1
                }
            }
            var out = ""
            if !files.isEmpty { out += display(sorted(files)) }
            for (index, directory) in sorted(directories).enumerated() {
                if operands.count > 1 {
                    if index > 0 || !files.isEmpty { out += "\n" }
                    out += "\(directory.path):\n"
                }
                do {
                    let items = try contents(of: directory.path)
                    if settings.long { out += "total \(Ls.totalBlocks(items))\n" }
                    out += display(items)
                } catch {
                    context.complain("ls", "\(directory.path): \(describe(error))")
                    status = 1
                }
            }
            context.output(Array(out.utf8))
            return status
        }

        func contents(of directory: String) throws -> [Item] {
            var names = try kernel.readdir(directory).map(\.name).filter { $0 != "." && $0 != ".." }
            if !settings.all && !settings.almostAll { names.removeAll { $0.hasPrefix(".") } }
            if settings.all { names += [".", ".."] }
            var items: [Item] = []
            for name in names {
                let path = joinPath(directory, name)
                guard let fileStatus = try? kernel.lstat(path) else { continue }
                items.append(Item(name: name, path: path, status: fileStatus))
            }
            return sorted(items)
        }

        func sorted(_ items: [Item]) -> [Item] {
            items.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        }

        func display(_ items: [Item]) -> String {
            if settings.long {
                let database = UserDatabase(kernel: kernel)
                let now = kernel.clockGettime(.realtime) / 1_000_000_000
                return items.map { item in
                    let target = item.status.kind == .symlink ? (try? kernel.readlink(item.path)) : nil
                    return Ls.longLine(item, linkTarget: target, database: settings.numericIDs ? nil : database, now: now) + "\n"
                }.joined()
            }
            if settings.columns { return Ls.columns(items.map(\.name), width: settings.terminalWidth) }
            return items.map { $0.name + "\n" }.joined()
        }
    }

    /// busybox's display_files: the widest name plus two is the column width; names run down
    /// the columns; padding goes only between names.
    static func columns(_ names: [String], width: Int) -> String {
        guard !names.isEmpty else { return "" }
        let columnWidth = (names.map(\.count).max() ?? 0) + 2
        let columnCount = max(1, width / columnWidth)
        let rowCount = (names.count + columnCount - 1) / columnCount
        var out = ""
        for row in 0..<rowCount {
            var line = ""
            for column in 0..<columnCount {
                let index = column * rowCount + row
                guard index < names.count else { continue }
                if !line.isEmpty { line = pad(line, column * columnWidth, left: true) }
                line += names[index]
            }
            out += line + "\n"
        }
        return out
    }
}

import KernelInterface

/// `wc [-lwc] [FILE]...`: newline, word and byte counts, laid out as busybox's coreutils/wc.c
/// does: `%9u` columns separated by a space, no padding when only one count of at most one
/// file is asked, the name after a space, and a `total` line for several files.
enum Wc {
    struct Counts: Equatable {
        var lines = 0, words = 0, bytes = 0

        mutating func add(_ chunk: [UInt8], inWord: inout Bool) {
            bytes += chunk.count
            for byte in chunk {
                if byte == 0x0A { lines += 1 }
                let space = byte == 0x20 || (byte >= 9 && byte <= 13)
                if space { inWord = false } else if !inWord { inWord = true; words += 1 }
            }
        }
    }

    static func main(_ context: ProcessContext) -> Int32 {
        let options: ParsedOptions
        do { options = try parseOptions(Array(context.arguments.dropFirst()), flags: "lwcmL") } catch {
            context.complain("wc", error.message)
            return 1
        }
        var selected: [KeyPath<Counts, Int>] = []
        if options.has("l") { selected.append(\.lines) }
        if options.has("w") { selected.append(\.words) }
        if options.has("c") || options.has("m") { selected.append(\.bytes) }
        if selected.isEmpty { selected = [\.lines, \.words, \.bytes] }
        let names = options.operands
        let unpadded = selected.count == 1 && names.count <= 1
        var total = Counts()
        var status: Int32 = 0
        for name in names.isEmpty ? ["-"] : names {
            guard let counts = count(name, context) else { status = 1; continue }
            total.lines += counts.lines; total.words += counts.words; total.bytes += counts.bytes
            context.print(line(counts, selected, unpadded: unpadded, name: names.isEmpty ? nil : name))
        }
        if names.count > 1 { context.print(line(total, selected, unpadded: false, name: "total")) }
        return status
    }

    static func line(_ counts: Counts, _ selected: [KeyPath<Counts, Int>], unpadded: Bool, name: String?) -> String {
        let columns = selected.map { unpadded ? String(counts[keyPath: $0]) : pad(String(counts[keyPath: $0]), 9) }
        return columns.joined(separator: " ") + (name.map { " " + $0 } ?? "")
    }

    static func count(_ name: String, _ context: ProcessContext) -> Counts? {
        let kernel = context.kernel
        let fd: FileDescriptor
        if name == "-" { fd = .standardInput } else {
            do { fd = try kernel.open(name, [.readOnly, .closeOnExec], mode: 0) } catch {
                context.complain("wc", "can't open '\(name)': \(describe(error))")
                return nil
            }
        }
        defer { if fd != .standardInput { try? kernel.close(fd) } }
        var counts = Counts()
        var inWord = false
        while true {
            guard let chunk = try? kernel.read(fd, count: 65536) else {
                context.complain("wc", "\(name): read error")
                return nil
            }
            if chunk.isEmpty { return counts }
            counts.add(chunk, inWord: &inWord)
        }
    }
}
